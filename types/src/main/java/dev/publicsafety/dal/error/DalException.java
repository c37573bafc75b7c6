package dev.publicsafety.dal.error;

/**
 * The root of every error the data layer raises on purpose: catch this to handle them all, or one
 * of its kinds ({@link NotFoundException}, {@link InvalidInputException}, {@link ConflictException},
 * {@link IllegalTransitionException}, {@link DomainRuleException}, {@link WaitTimeoutException}) to
 * handle one. Both domains and the JSONB value types throw only these kinds for refused input and
 * states, and for a unit of work past its lock or statement timeout; what the database itself
 * rejects otherwise (row-level security, a lost connection) stays a jOOQ {@code DataAccessException}.
 */
public abstract class DalException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected DalException(String message) {
        super(message);
    }

    protected DalException(String message, Throwable cause) {
        super(message, cause);
    }
}
