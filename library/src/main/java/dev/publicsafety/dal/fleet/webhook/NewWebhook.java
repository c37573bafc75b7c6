package dev.publicsafety.dal.fleet.webhook;

import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.fleet.internal.Validate;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.List;

/** What it takes to subscribe a webhook: an http(s) URL, an optional signing secret, event names. */
public record NewWebhook(String url, String secret, List<String> events) {

    public NewWebhook {
        checkUrl(url);
        Validate.optionalText("webhook secret", secret, 255);
        events = Events.check(events);
        if (events.isEmpty()) {
            throw new InvalidInputException("events", "webhook " + url + " subscribes to no event; name at least one, e.g. incident.created");
        }
    }

    public static NewWebhook of(String url, String secret, String... events) {
        return new NewWebhook(url, secret, List.of(events));
    }

    static void checkUrl(String url) {
        Validate.text("webhook URL", url, 2048);
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http")) || uri.getHost() == null) {
                throw new InvalidInputException("url", "webhook URL '" + url + "' must be an http(s) URL with a host");
            }
        } catch (URISyntaxException e) {
            throw new InvalidInputException("url", "webhook URL '" + url + "' is not a valid URL: " + e.getReason());
        }
    }

    /** Event names such as {@code incident.created}, {@code task.sla_breached}. */
    static final class Events {

        private Events() {
        }

        static List<String> check(Collection<String> events) {
            if (events == null) {
                return List.of();
            }
            for (String event : events) {
                check(event);
            }
            return events.stream().distinct().sorted().toList();
        }

        static String check(String event) {
            if (event == null || !event.matches("[a-z][a-z_]*(\\.[a-z][a-z_]*)+")) {
                throw new InvalidInputException("events", "event name '" + event + "' must be dotted lowercase words, e.g. incident.created");
            }
            return event;
        }
    }
}
