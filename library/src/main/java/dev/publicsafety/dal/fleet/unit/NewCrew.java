package dev.publicsafety.dal.fleet.unit;

import dev.publicsafety.dal.fleet.internal.Validate;
import java.util.List;
import java.util.UUID;

/** What it takes to form a crew; the leader, if any, is made a member too. */
public record NewCrew(String name, UUID leaderId, List<UUID> memberIds) {

    public NewCrew {
        Validate.text("crew name", name, 200);
        java.util.LinkedHashSet<UUID> members = new java.util.LinkedHashSet<>(memberIds == null ? List.of() : memberIds);
        if (leaderId != null) {
            members.add(leaderId);
        }
        memberIds = List.copyOf(members);
    }

    public static NewCrew of(String name, UUID leaderId, UUID... members) {
        return new NewCrew(name, leaderId, List.of(members));
    }
}
