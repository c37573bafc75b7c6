package dev.publicsafety.dal.fleet.policy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How a condition compares a fact with its value. The names and meanings are the dispatch product's
 * (its engine, {@code services/radio-dispatch/app/services/policy_engine.py}, and the operators its
 * workers' README documents), so a policy means the same in both formats. Its engine treats
 * {@code not_contains}, {@code contains_any}, {@code contains_all} and {@code regex_match} as unknown
 * (never true) although its README and example policies use them; here they mean what they say:
 * <ul>
 * <li>{@code equals}, {@code not_equals}: same value (numbers by value: 3 equals 3.0);</li>
 * <li>{@code contains}, {@code not_contains}: a list fact has the value as an element, a text fact
 * has it as a substring (case-sensitive); a missing fact contains nothing;</li>
 * <li>{@code contains_any}, {@code contains_all}: {@code contains} for any / every element of the
 * value's list; {@code contains_any: []} means the fact is not empty (the product's example writes it
 * for "any unit id");</li>
 * <li>{@code in}, {@code not_in}: the fact equals one of the value's list;</li>
 * <li>{@code greater_than}, {@code less_than}: numerically; a missing or empty fact counts as 0 and a
 * fact that is not a number never compares (both as the product's engine does);</li>
 * <li>{@code regex_match}: the value, a Java regular expression, is found in a text fact;</li>
 * <li>{@code empty}, {@code not_empty}: the fact is missing, null, empty text, an empty list, 0 or
 * false (or not); no value, or {@code true}.</li>
 * </ul>
 */
public enum PolicyOperator {
    EQUALS(Value.ANY), NOT_EQUALS(Value.ANY),
    CONTAINS(Value.SCALAR), NOT_CONTAINS(Value.SCALAR),
    CONTAINS_ANY(Value.LIST), CONTAINS_ALL(Value.LIST),
    IN(Value.LIST), NOT_IN(Value.LIST),
    GREATER_THAN(Value.NUMBER), LESS_THAN(Value.NUMBER),
    REGEX_MATCH(Value.PATTERN),
    EMPTY(Value.NONE), NOT_EMPTY(Value.NONE);

    /** The kind of value an operator takes. */
    private enum Value { ANY, SCALAR, LIST, NUMBER, PATTERN, NONE }

    private final Value takes;

    PolicyOperator(Value takes) {
        this.takes = takes;
    }

    /** The name policies write, e.g. {@code contains_any}. */
    public String yamlName() {
        return name().toLowerCase();
    }

    public static Optional<PolicyOperator> named(String name) {
        return Arrays.stream(values()).filter(o -> o.yamlName().equals(name)).findFirst();
    }

    /** Every operator's name, for error messages. */
    public static List<String> names() {
        return Arrays.stream(values()).map(PolicyOperator::yamlName).toList();
    }

    /** False for empty / not_empty, which compare the fact with nothing. */
    boolean takesValue() {
        return takes != Value.NONE;
    }

    /** What is wrong with {@code value} (null when there is none) for this operator, or null if it fits. */
    String refusal(Object value) {
        boolean fits = switch (takes) {
            case ANY -> value != null && !(value instanceof Map) && (!(value instanceof List<?> list) || scalars(list));
            case SCALAR -> scalar(value);
            case LIST -> value instanceof List<?> list && scalars(list);
            case NUMBER -> value instanceof Number;
            case PATTERN -> value instanceof String;
            case NONE -> value == null || Boolean.TRUE.equals(value);
        };
        if (!fits) {
            return yamlName() + " needs " + switch (takes) {
                case ANY -> "a value (text, number, true/false or a list of them)";
                case SCALAR -> "a text, number or true/false";
                case LIST -> "a list of texts, numbers or true/false";
                case NUMBER -> "a number";
                case PATTERN -> "a regular expression (text)";
                case NONE -> "no value (or true)";
            };
        }
        if (takes == Value.PATTERN) {
            try {
                Pattern.compile((String) value);
            } catch (PatternSyntaxException e) {
                return yamlName() + " needs a valid regular expression: " + e.getDescription();
            }
        }
        return null;
    }

    /** Whether {@code actual}, the fact (null when missing), satisfies this operator with {@code expected}. */
    boolean test(Object actual, Object expected) {
        return switch (this) {
            case EQUALS -> same(actual, expected);
            case NOT_EQUALS -> !same(actual, expected);
            case CONTAINS -> contains(actual, expected);
            case NOT_CONTAINS -> !contains(actual, expected);
            case CONTAINS_ANY -> ((List<?>) expected).isEmpty() ? present(actual)
                    : ((List<?>) expected).stream().anyMatch(e -> contains(actual, e));
            case CONTAINS_ALL -> ((List<?>) expected).stream().allMatch(e -> contains(actual, e));
            case IN -> ((List<?>) expected).stream().anyMatch(e -> same(actual, e));
            case NOT_IN -> ((List<?>) expected).stream().noneMatch(e -> same(actual, e));
            case GREATER_THAN -> number(actual) > ((Number) expected).doubleValue();
            case LESS_THAN -> number(actual) < ((Number) expected).doubleValue();
            case REGEX_MATCH -> actual instanceof String text && Pattern.compile((String) expected).matcher(text).find();
            case EMPTY -> !present(actual);
            case NOT_EMPTY -> present(actual);
        };
    }

    private static boolean contains(Object actual, Object element) {
        if (actual instanceof Collection<?> items) {
            return items.stream().anyMatch(item -> same(item, element));
        }
        return actual instanceof String text && element instanceof String part && text.contains(part);
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }

    /** The fact as a number; NaN (never compares) when it is not one. */
    private static double number(Object actual) {
        if (!present(actual)) {
            return 0;
        }
        if (actual instanceof Number n) {
            return n.doubleValue();
        }
        if (actual instanceof String text) {
            try {
                return Double.parseDouble(text.strip());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    private static boolean present(Object actual) {
        if (actual == null) {
            return false;
        }
        if (actual instanceof String text) {
            return !text.isEmpty();
        }
        if (actual instanceof Collection<?> items) {
            return !items.isEmpty();
        }
        if (actual instanceof Boolean b) {
            return b;
        }
        if (actual instanceof Number n) {
            return n.doubleValue() != 0;
        }
        return !(actual instanceof Map<?, ?> map) || !map.isEmpty();
    }

    private static boolean scalars(List<?> list) {
        return list.stream().allMatch(PolicyOperator::scalar);
    }

    private static boolean scalar(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean;
    }
}
