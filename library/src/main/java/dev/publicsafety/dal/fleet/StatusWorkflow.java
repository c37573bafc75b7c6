package dev.publicsafety.dal.fleet;

import dev.publicsafety.dal.error.IllegalTransitionException;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.EnumType;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * The legal status transitions of one kind of entity; anything else is an
 * {@link IllegalTransitionException} naming from, to and the allowed targets. The workflows
 * themselves are in {@link Workflows}.
 */
public final class StatusWorkflow<S extends Enum<S> & EnumType> {

    private final String entityType;
    private final Map<S, Set<S>> allowed;
    private final Set<S> open;

    StatusWorkflow(String entityType, Class<S> statuses, Map<S, Set<S>> allowed, Set<S> open) {
        this.entityType = entityType;
        this.allowed = new EnumMap<>(statuses);
        for (S status : statuses.getEnumConstants()) {
            this.allowed.put(status, Set.copyOf(allowed.getOrDefault(status, EnumSet.noneOf(statuses))));
        }
        this.open = Set.copyOf(open);
    }

    /** Statuses in which the entity still needs attention. */
    public Set<S> open() {
        return open;
    }

    /**
     * {@code status} is one of the {@link #open} statuses, with the statuses written into the SQL as
     * literals: with bind values the planner cannot estimate the list in a generic plan, which
     * pgjdbc's server-prepared statements get after a few executions.
     */
    public Condition isOpen(Field<S> status) {
        return status.in(open.stream().sorted().map(DSL::inline).toList());
    }

    public Set<S> allowedFrom(S from) {
        return allowed.get(from);
    }

    public boolean isAllowed(S from, S to) {
        return allowed.get(from).contains(to);
    }

    public boolean isFinal(S status) {
        return allowed.get(status).isEmpty();
    }

    /** The error for {@code from -> to} on {@code entityType} {@code id}, naming what {@code from} allows. */
    public static IllegalTransitionException illegal(String entityType, UUID id, EnumType from, EnumType to,
                                              Collection<? extends EnumType> allowed) {
        return new IllegalTransitionException(entityType, id, from.getLiteral(), to.getLiteral(),
                allowed.stream().map(EnumType::getLiteral).toList());
    }

    public void require(UUID id, S from, S to) {
        if (!isAllowed(from, to)) {
            throw illegal(entityType, id, from, to, allowed.get(from));
        }
    }
}
