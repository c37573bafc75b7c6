package dev.publicsafety.dal.cli;

/** A failure whose message already says what happened and what to do: printed as it is, whatever caused it. */
final class ExplainedFailure extends RuntimeException {

    ExplainedFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
