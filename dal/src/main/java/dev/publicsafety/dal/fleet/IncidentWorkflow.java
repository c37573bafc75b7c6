package dev.publicsafety.dal.fleet;

import static dev.publicsafety.dal.generated.fleet.enums.IncidentStatus.CANCELLED;
import static dev.publicsafety.dal.generated.fleet.enums.IncidentStatus.CLOSED;
import static dev.publicsafety.dal.generated.fleet.enums.IncidentStatus.DISPATCHED;
import static dev.publicsafety.dal.generated.fleet.enums.IncidentStatus.NEW;
import static dev.publicsafety.dal.generated.fleet.enums.IncidentStatus.ON_SCENE;
import static dev.publicsafety.dal.generated.fleet.enums.IncidentStatus.RESOLVED;

import dev.publicsafety.dal.generated.fleet.enums.IncidentStatus;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The legal status transitions of an incident:
 *
 * <pre>
 * new         → dispatched | cancelled
 * dispatched  → on_scene   | cancelled
 * on_scene    → resolved
 * resolved    → closed     | on_scene   (reopen)
 * closed, cancelled: final
 * </pre>
 *
 * Anything else is an {@link IllegalStateTransitionException} naming from, to and the allowed targets.
 */
public final class IncidentWorkflow {

    private static final Map<IncidentStatus, Set<IncidentStatus>> ALLOWED = new EnumMap<>(IncidentStatus.class);

    static {
        ALLOWED.put(NEW, EnumSet.of(DISPATCHED, CANCELLED));
        ALLOWED.put(DISPATCHED, EnumSet.of(ON_SCENE, CANCELLED));
        ALLOWED.put(ON_SCENE, EnumSet.of(RESOLVED));
        ALLOWED.put(RESOLVED, EnumSet.of(CLOSED, ON_SCENE));
        ALLOWED.put(CLOSED, EnumSet.noneOf(IncidentStatus.class));
        ALLOWED.put(CANCELLED, EnumSet.noneOf(IncidentStatus.class));
    }

    /** Statuses in which an incident still needs attention. */
    public static final Set<IncidentStatus> OPEN = Set.copyOf(EnumSet.of(NEW, DISPATCHED, ON_SCENE));

    private IncidentWorkflow() {
    }

    public static Set<IncidentStatus> allowedFrom(IncidentStatus from) {
        return Set.copyOf(ALLOWED.get(from));
    }

    public static boolean isAllowed(IncidentStatus from, IncidentStatus to) {
        return ALLOWED.get(from).contains(to);
    }

    public static boolean isFinal(IncidentStatus status) {
        return ALLOWED.get(status).isEmpty();
    }

    static void require(UUID incidentId, IncidentStatus from, IncidentStatus to) {
        if (!isAllowed(from, to)) {
            throw new IllegalStateTransitionException("incident", incidentId, from, to, ALLOWED.get(from));
        }
    }
}
