package dev.publicsafety.dal.internal;

import java.util.List;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;

/**
 * A statement a repository sends on a hot path, declared once as a constant beside it: its template
 * written in jOOQ's DSL with named parameters ({@link DSL#param(String, org.jooq.Field)}), and the
 * names in the order each call passes their values. {@link StatementCache} renders it once per
 * database and checks that order then. Looked up by identity.
 *
 * @param what what the statement does, for the message if its parameters are not in the stated order
 */
public record NamedStatement<R extends Record>(String what, List<String> parameters, Function<DSLContext, ResultQuery<R>> template) {

    public NamedStatement {
        parameters = List.copyOf(parameters);
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
