package dev.publicsafety.dal.training;

/** A call session was asked to do what its status does not allow, e.g. finish twice. */
public final class SessionStateException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public SessionStateException(String message) {
        super(message);
    }
}
