package dev.publicsafety.dal.training.seed;

import java.util.List;

/** The seed files are not valid; nothing was written. {@link #errors()} lists every problem found. */
public final class SeedValidationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<SeedError> errors;

    public SeedValidationException(List<SeedError> errors) {
        super(errors.get(0) + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "") + "; nothing was written");
        this.errors = List.copyOf(errors);
    }

    public List<SeedError> errors() {
        return errors;
    }
}
