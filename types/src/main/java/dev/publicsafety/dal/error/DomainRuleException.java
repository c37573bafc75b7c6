package dev.publicsafety.dal.error;

/**
 * A rule of the domain forbids the request although every input is valid on its own: a task under a
 * closed incident, purging a live row, starting a session on an inactive scenario. Nothing was
 * written; the message names the rule.
 */
public class DomainRuleException extends DalException {

    private static final long serialVersionUID = 1L;

    public DomainRuleException(String message) {
        super(message);
    }

    public DomainRuleException(String message, Throwable cause) {
        super(message, cause);
    }
}
