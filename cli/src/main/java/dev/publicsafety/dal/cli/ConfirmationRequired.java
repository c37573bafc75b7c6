package dev.publicsafety.dal.cli;

/**
 * A command that would destroy data and was not given {@code --yes}: nothing changed, and the fix is
 * on the command line, so it exits 2 like any other incomplete command line.
 */
final class ConfirmationRequired extends RuntimeException {

    ConfirmationRequired(String message) {
        super(message);
    }
}
