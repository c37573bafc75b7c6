package dev.publicsafety.dal.fleet.policy;

/**
 * One action of a rule that fired: its type ({@code create_incident}, {@code set_priority}, ...) and
 * its parameters as the YAML gave them: a mapping (the product's {@code params}, or ours written
 * {@code create_incident: {priority: high}}; an empty mapping when the product's action has none) or a
 * single value ({@code set_priority: 1}).
 */
public record PolicyAction(String type, Object params) {
}
