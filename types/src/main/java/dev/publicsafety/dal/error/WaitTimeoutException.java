package dev.publicsafety.dal.error;

/**
 * A unit of work gave up: it waited longer than its lock timeout for a lock another transaction
 * held (an exclusive table lock, a row being changed), or one of its statements ran longer than its
 * statement timeout. Nothing was written; the message names the wait and its bound. Try again
 * later, or find what holds the lock ({@code pg_locks}).
 */
public class WaitTimeoutException extends DalException {

    private static final long serialVersionUID = 1L;

    public WaitTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
