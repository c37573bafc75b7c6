package dev.publicsafety.dal.fleet;

import java.util.UUID;

/**
 * Who performs a unit of work: a user of the organization ({@code userId} set) or a service such as
 * a radio recorder or the telematics gateway ({@code userId} null). Written into every audit row.
 *
 * @param userId the acting user's id, or {@code null} for a service
 * @param name   how auditors see the actor: the user's OIDC subject or display name, or the service's name
 */
public record Actor(UUID userId, String name) {

    public Actor {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an actor needs a name (user subject or service name)");
        }
        if (name.length() > 255) {
            throw new IllegalArgumentException("actor name is longer than 255 characters: " + name.substring(0, 40) + "…");
        }
    }

    /** A user of the organization. */
    public static Actor user(UUID userId, String name) {
        if (userId == null) {
            throw new IllegalArgumentException("Actor.user needs the user's id; use Actor.service for services");
        }
        return new Actor(userId, name);
    }

    /** A service acting on its own (no user). */
    public static Actor service(String name) {
        return new Actor(null, name);
    }
}
