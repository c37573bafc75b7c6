package dev.publicsafety.dal.fleet;

import dev.publicsafety.dal.error.InvalidInputException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * Who performs a unit of work: a user of the organization ({@code userId} set) or a service such as
 * a radio recorder or the telematics gateway ({@code userId} null), and optionally the request it
 * came from. All of it is written into every audit row of the transaction.
 *
 * @param userId        the acting user's id, or {@code null} for a service
 * @param name          how auditors see the actor: the user's OIDC subject or display name, or the service's name
 * @param ipAddress     the request's client IP address (IPv4 or IPv6 literal, normalized), or {@code null}
 * @param correlationId the request's correlation or trace id (1 to 100 printable ASCII characters, no spaces), or {@code null}
 */
public record Actor(UUID userId, String name, String ipAddress, String correlationId) {

    private static final String IPV4 = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}";

    public Actor {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("name", "an actor needs a name (user subject or service name)");
        }
        if (name.length() > 255) {
            throw new InvalidInputException("name", "actor name is longer than 255 characters: " + name.substring(0, 40) + "…");
        }
        ipAddress = ipAddress == null ? null : normalizedIp(ipAddress);
        if (correlationId != null && !correlationId.matches("[!-~]{1,100}")) {
            throw new InvalidInputException("correlationId", "correlation id '" + correlationId
                    + "' must be 1 to 100 printable ASCII characters without spaces");
        }
    }

    public Actor(UUID userId, String name) {
        this(userId, name, null, null);
    }

    /** A user of the organization. */
    public static Actor user(UUID userId, String name) {
        if (userId == null) {
            throw new InvalidInputException("userId", "Actor.user needs the user's id; use Actor.service for services");
        }
        return new Actor(userId, name);
    }

    /** A service acting on its own (no user). */
    public static Actor service(String name) {
        return new Actor(null, name);
    }

    /** The same actor, acting for the request from {@code ipAddress} with {@code correlationId} (either may be null). */
    public Actor withRequest(String ipAddress, String correlationId) {
        return new Actor(userId, name, ipAddress, correlationId);
    }

    /** Only IP literals are parsed (a host name would make InetAddress look it up). */
    private static String normalizedIp(String text) {
        if (!text.matches(IPV4) && !(text.contains(":") && text.matches("[0-9A-Fa-f:.]{2,45}"))) {
            throw new InvalidInputException("ipAddress", "IP address '" + text + "' is not an IPv4 or IPv6 literal");
        }
        try {
            return InetAddress.getByName(text).getHostAddress();
        } catch (UnknownHostException e) {
            throw new InvalidInputException("ipAddress", "IP address '" + text + "' is not an IPv4 or IPv6 literal");
        }
    }
}
