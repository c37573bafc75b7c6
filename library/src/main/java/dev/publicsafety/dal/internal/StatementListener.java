package dev.publicsafety.dal.internal;

import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteListenerProvider;

/**
 * Times (and observes) the statements jOOQ executes in an observed unit of work, as
 * {@link RenderedQuery} does for those it runs itself. The only listener a rendered query still
 * runs directly beside ({@link RenderedQuery#runsDirectly}): so the instrumentation keeps a
 * transaction's set-up in its first statement's flight, where any other listener makes the two
 * go one after the other. Internal: not part of the library's API.
 */
public final class StatementListener implements ExecuteListener, ExecuteListenerProvider {

    private static final Object TIMING = StatementListener.class;

    @Override
    public ExecuteListener provide() {
        return this;
    }

    @Override
    public void executeStart(ExecuteContext ctx) {
        String sql = ctx.sql() != null ? ctx.sql() : ctx.batchSQL().length > 0 ? ctx.batchSQL()[0] : null;
        UnitOfWork.Timing timing = sql == null ? null : UnitOfWork.start(sql, ctx.connection());
        if (timing != null) {
            ctx.data(TIMING, timing);
        }
    }

    @Override
    public void executeEnd(ExecuteContext ctx) {
        end(ctx, null);
    }

    @Override
    public void exception(ExecuteContext ctx) {
        end(ctx, ctx.sqlException() != null ? ctx.sqlException() : ctx.exception());
    }

    /** Ends the statement's timing once: jOOQ reports a failed execution by exception() without executeEnd(). */
    private static void end(ExecuteContext ctx, Throwable failure) {
        Object timing = ctx.data(TIMING);
        if (timing instanceof UnitOfWork.Timing started) {
            ctx.data().remove(TIMING);
            started.end(failure);
        }
    }
}
