package dev.publicsafety.dal.fleet.incident;

import dev.publicsafety.dal.fleet.internal.Tags;
import dev.publicsafety.dal.fleet.internal.Validate;
import dev.publicsafety.dal.geo.Location;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What it takes to open an incident. {@code reportedAt} defaults to the transaction time,
 * {@code reportedBy} (a user of the organization) is optional.
 */
public record NewIncident(String number, String title, String description, String type, int priority,
                          Location location, List<String> tags, UUID reportedBy, OffsetDateTime reportedAt,
                          Map<String, Object> metadata) {

    public NewIncident {
        Validate.text("incident number", number, 50);
        Validate.text("incident title", title, 300);
        Validate.text("incident type", type, 100);
        Validate.priority("incident", priority);
        tags = Tags.check(tags);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public static NewIncident of(String number, String title, String type, int priority) {
        return new NewIncident(number, title, null, type, priority, null, List.of(), null, null, Map.of());
    }

    public NewIncident at(Location where) {
        return new NewIncident(number, title, description, type, priority, where, tags, reportedBy, reportedAt, metadata);
    }

    public NewIncident tagged(String... moreTags) {
        return new NewIncident(number, title, description, type, priority, location,
                java.util.stream.Stream.concat(tags.stream(), java.util.Arrays.stream(moreTags)).toList(),
                reportedBy, reportedAt, metadata);
    }

    public NewIncident describedAs(String text) {
        return new NewIncident(number, title, text, type, priority, location, tags, reportedBy, reportedAt, metadata);
    }

    public NewIncident reportedBy(UUID userId, OffsetDateTime at) {
        return new NewIncident(number, title, description, type, priority, location, tags, userId, at, metadata);
    }
}
