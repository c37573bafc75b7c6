package dev.publicsafety.dal.training.seed;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.serialization.node.LocationJsonNodeFactoryFactory;
import com.networknt.schema.utils.JsonNodes;
import dev.publicsafety.dal.jsonb.JsonMapper;
import dev.publicsafety.dal.training.value.CallerProfile;
import dev.publicsafety.dal.training.value.InvalidValueException;
import dev.publicsafety.dal.training.value.ScenarioScript;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks scenario files before anything is written: well-formed JSON without duplicate properties,
 * within a nesting depth and a string length; text PostgreSQL can store (no NUL, no lone
 * surrogate); the shipped JSON Schema (unknown or missing properties, types, enum values, ranges);
 * the rules a schema cannot express (dialogue steps numbered in order, evaluation weights adding up
 * to 1); a key equal to the file name, so unique across files. Every error of every file is
 * reported, each naming the file, the JSON path and the line and column.
 */
public final class ScenarioValidator {

    /** Valid files, and every error found in the others. */
    public record Result(List<ScenarioFile> scenarios, List<SeedError> errors) {
    }

    /** Scenario files are a few levels deep and their texts a few kilobytes: far beyond either is hostile. */
    public static final int MAX_NESTING_DEPTH = 100;
    public static final int MAX_STRING_LENGTH = 1_000_000;

    /** The parts of a file bound on their own when another part has errors, so their rules are still reported. */
    private static final Map<String, Class<?>> TYPED_PARTS = Map.of("caller_profile", CallerProfile.class,
            "scenario_script", ScenarioScript.class);

    private final Schema schema;
    private final ObjectMapper parser;

    public ScenarioValidator() {
        this.parser = JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
        parser.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH).maxStringLength(MAX_STRING_LENGTH).build());
        try (InputStream in = ScenarioValidator.class.getClassLoader()
                .getResourceAsStream(SeedSource.BUNDLED_FOLDER + "/" + SeedSource.SCHEMA_FILE)) {
            if (in == null) {
                throw new IllegalStateException("scenario JSON Schema not found on the classpath");
            }
            this.schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Result validate(List<SeedSource.SourceFile> files) {
        List<ScenarioFile> scenarios = new ArrayList<>();
        List<SeedError> errors = new ArrayList<>();
        Map<String, String> fileOfKey = new HashMap<>();
        for (SeedSource.SourceFile file : files) {
            List<SeedError> fileErrors = new ArrayList<>();
            ScenarioFile scenario = null;
            if (file.unreadable() != null) {
                fileErrors.add(file.unreadable());
            } else {
                scenario = validate(file, fileErrors, fileOfKey);
            }
            if (fileErrors.isEmpty()) {
                scenarios.add(scenario);
            }
            errors.addAll(fileErrors);
        }
        errors.sort(Comparator.comparing(SeedError::file).thenComparingInt(SeedError::line).thenComparingInt(SeedError::column));
        return new Result(scenarios, errors);
    }

    /** Every error of one file, not only the first: only a syntax error stops the checks that follow. */
    private ScenarioFile validate(SeedSource.SourceFile file, List<SeedError> errors, Map<String, String> fileOfKey) {
        JsonNode root = parse(file, errors);
        if (root == null) {
            return null;
        }
        checkUnicode(file, root, "$", errors);
        Set<String> schemaPaths = new HashSet<>();
        for (Error error : schema.validate(root)) {
            String path = jsonPath(error.getInstanceLocation());
            JsonNode node = error.getInstanceNode();
            // Point an unknown property at itself rather than at the object that holds it.
            if ("additionalProperties".equals(error.getKeyword()) && error.getProperty() != null && node != null
                    && node.get(error.getProperty()) != null) {
                path = path + "." + error.getProperty();
                node = node.get(error.getProperty());
            }
            schemaPaths.add(path);
            errors.add(at(file, path, node, withoutPath(error.getMessage(), path)));
        }
        checkKey(file, root, schemaPaths, errors, fileOfKey);
        if (errors.isEmpty()) {
            return typed(file, root, "$", ScenarioFile.class, errors);
        }
        // The rules only the value types know (step numbers, weights): still checked where the schema found nothing.
        for (Map.Entry<String, Class<?>> part : TYPED_PARTS.entrySet()) {
            String path = "$." + part.getKey();
            if (root.get(part.getKey()) != null && schemaPaths.stream().noneMatch(p -> p.equals(path) || p.startsWith(path + ".")
                    || p.startsWith(path + "["))) {
                typed(file, root.get(part.getKey()), path, part.getValue(), errors);
            }
        }
        return null;
    }

    private JsonNode parse(SeedSource.SourceFile file, List<SeedError> errors) {
        try (JsonParser json = parser.getFactory().createParser(file.content())) {
            try {
                JsonNode root = parser.reader(LocationJsonNodeFactoryFactory.getInstance().getJsonNodeFactory(json)).readTree(json);
                if (root == null || root.isMissingNode()) {
                    errors.add(new SeedError(file.name(), "$", 1, 1, "the file is empty"));
                    return null;
                }
                return root;
            } catch (JsonProcessingException e) {
                // A limit (depth, string length) is reported without a location: the token that broke it is the place.
                JsonLocation location = e.getLocation() != null ? e.getLocation() : json.currentTokenLocation();
                errors.add(new SeedError(file.name(), "$", location.getLineNr(), location.getColumnNr(), notJson(e)));
                return null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a String: cannot happen
        }
    }

    /**
     * Why the parser stopped, never quoting the file: Jackson's own message shows the token it met,
     * and a file that is not a scenario at all (a symlink to /etc/passwd) would be echoed into the
     * error. A limit's message (depth, length) names only numbers, so it is kept.
     */
    private static String notJson(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            return "not valid JSON: " + e.getOriginalMessage();
        }
        if (String.valueOf(e.getOriginalMessage()).startsWith("Duplicate field")) {
            return "not valid JSON: a property appears twice in one object";
        }
        return "not valid JSON here (the content is not quoted; open the file at this line and column)";
    }

    /** Text PostgreSQL refuses or that is not Unicode: NUL, and surrogates that escapes such as {@code \ud800} leave unpaired. */
    private static void checkUnicode(SeedSource.SourceFile file, JsonNode node, String path, List<SeedError> errors) {
        if (node.isTextual()) {
            String problem = unicodeProblem(node.textValue());
            if (problem != null) {
                errors.add(at(file, path, node, "the text " + problem));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkUnicode(file, node.get(i), path + "[" + i + "]", errors);
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                String problem = unicodeProblem(property.getKey());
                if (problem != null) {
                    errors.add(at(file, path + "." + property.getKey(), property.getValue(), "the property name " + problem));
                }
                checkUnicode(file, property.getValue(), path + "." + property.getKey(), errors);
            }
        }
    }

    private static String unicodeProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return "contains U+0000 (NUL), which PostgreSQL cannot store";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format("contains the lone surrogate U+%04X, which is not valid Unicode", (int) c);
            }
        }
        return null;
    }

    /** The key is the file name without {@code .json}, so a file is found by its key and a key is used once. */
    private static void checkKey(SeedSource.SourceFile file, JsonNode root, Set<String> schemaPaths, List<SeedError> errors,
                                 Map<String, String> fileOfKey) {
        JsonNode key = root.get("key");
        if (key == null || !key.isTextual() || schemaPaths.contains("$.key")) {
            return;
        }
        String expected = file.name().endsWith(".json") ? file.name().substring(0, file.name().length() - ".json".length()) : file.name();
        if (!key.textValue().equals(expected)) {
            errors.add(at(file, "$.key", key, "is '" + key.textValue() + "' but must equal the file name without .json: '"
                    + expected + "'"));
        } else if (fileOfKey.putIfAbsent(expected, file.name()) != null) {
            errors.add(at(file, "$.key", key, "duplicate key '" + expected + "': another " + file.name()
                    + " (from another folder or the bundled scenarios) has it"));
        }
    }

    /** Binds {@code node} to {@code type}; the value types' own rules (step numbers, weights) fail here, located. */
    private static <T> T typed(SeedSource.SourceFile file, JsonNode node, String prefix, Class<T> type, List<SeedError> errors) {
        try {
            return JsonMapper.shared().treeToValue(node, type);
        } catch (JsonProcessingException e) {
            List<JsonMappingException.Reference> references = e instanceof JsonMappingException mapping ? mapping.getPath() : List.of();
            String path = prefix + jsonPath(references).substring(1);
            JsonNode at = nodeAt(node, references);
            String message = e.getOriginalMessage();
            if (e instanceof ValueInstantiationException && e.getCause() instanceof InvalidValueException invalid) {
                path = path + (invalid.field().startsWith("[") ? "" : ".") + invalid.field();
                at = descend(at, invalid.field());
                message = invalid.problem();
            } else if (e instanceof ValueInstantiationException && e.getCause() != null) {
                message = e.getCause().getMessage();
            }
            errors.add(at(file, path, at, message));
            return null;
        }
    }

    private static SeedError at(SeedSource.SourceFile file, String path, JsonNode node, String message) {
        JsonLocation location = node == null ? null : JsonNodes.tokenStreamLocationOf(node);
        int line = location == null ? 1 : location.getLineNr();
        int column = location == null ? 1 : location.getColumnNr();
        return new SeedError(file.name(), path, line, column, message);
    }

    private static String jsonPath(NodePath path) {
        StringBuilder out = new StringBuilder("$");
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            out.append(element instanceof Integer index ? "[" + index + "]" : "." + element);
        }
        return out.toString();
    }

    /** The deepest node of {@code root} along {@code references}, for the line and column of an error. */
    private static JsonNode nodeAt(JsonNode root, List<JsonMappingException.Reference> references) {
        JsonNode node = root;
        for (JsonMappingException.Reference reference : references) {
            JsonNode next = reference.getIndex() >= 0 ? node.get(reference.getIndex()) : node.get(reference.getFieldName());
            if (next == null) {
                break;
            }
            node = next;
        }
        return node;
    }

    /** Follows a relative path such as {@code expected_dialogue_flow[3].step} as far as it exists. */
    private static JsonNode descend(JsonNode node, String relativePath) {
        for (String part : relativePath.split("\\.|(?=\\[)")) {
            if (part.isEmpty()) {
                continue;
            }
            JsonNode next = part.startsWith("[")
                    ? node.get(Integer.parseInt(part.substring(1, part.length() - 1)))
                    : node.get(part);
            if (next == null) {
                break;
            }
            node = next;
        }
        return node;
    }

    private static String jsonPath(List<JsonMappingException.Reference> references) {
        StringBuilder out = new StringBuilder("$");
        for (JsonMappingException.Reference reference : references) {
            out.append(reference.getIndex() >= 0 ? "[" + reference.getIndex() + "]" : "." + reference.getFieldName());
        }
        return out.toString();
    }

    /** networknt prefixes messages with the instance path, which the error already carries. */
    private static String withoutPath(String message, String path) {
        int colon = message.indexOf(": ");
        return colon > 0 && message.startsWith("$") ? message.substring(colon + 2) : message;
    }
}
