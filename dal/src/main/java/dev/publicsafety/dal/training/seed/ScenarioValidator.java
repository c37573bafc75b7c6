package dev.publicsafety.dal.training.seed;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
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
import dev.publicsafety.dal.training.InvalidValueException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks scenario files before anything is written: well-formed JSON without duplicate properties,
 * the shipped JSON Schema (unknown or missing properties, types, enum values, ranges), the rules a
 * schema cannot express (dialogue steps numbered in order, evaluation weights adding up to 1), and
 * keys unique across files. Every error names the file, the JSON
 * path and the line and column.
 */
public final class ScenarioValidator {

    /** Valid files, and every error found in the others. */
    public record Result(List<ScenarioFile> scenarios, List<SeedError> errors) {
    }

    private final Schema schema;
    private final ObjectMapper parser;

    public ScenarioValidator() {
        this.parser = JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
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
            ScenarioFile scenario = validate(file, fileErrors);
            if (scenario != null) {
                String previous = fileOfKey.putIfAbsent(scenario.key(), file.name());
                if (previous != null) {
                    fileErrors.add(at(file, "$.key", keyNode(file), "duplicate key '" + scenario.key() + "': already used by " + previous));
                }
            }
            if (fileErrors.isEmpty()) {
                scenarios.add(scenario);
            }
            errors.addAll(fileErrors);
        }
        errors.sort(Comparator.comparing(SeedError::file).thenComparingInt(SeedError::line).thenComparingInt(SeedError::column));
        return new Result(scenarios, errors);
    }

    private ScenarioFile validate(SeedSource.SourceFile file, List<SeedError> errors) {
        JsonNode root;
        try {
            root = JsonNodes.readTree(parser, file.content(), LocationJsonNodeFactoryFactory.getInstance());
        } catch (RuntimeException e) {
            errors.add(parseError(file, e));
            return null;
        }
        if (root == null || root.isMissingNode()) {
            errors.add(new SeedError(file.name(), "$", 1, 1, "the file is empty"));
            return null;
        }
        for (Error error : schema.validate(root)) {
            String path = jsonPath(error.getInstanceLocation());
            JsonNode node = error.getInstanceNode();
            // Point an unknown property at itself rather than at the object that holds it.
            if ("additionalProperties".equals(error.getKeyword()) && error.getProperty() != null && node != null
                    && node.get(error.getProperty()) != null) {
                path = path + "." + error.getProperty();
                node = node.get(error.getProperty());
            }
            errors.add(at(file, path, node, withoutPath(error.getMessage(), path)));
        }
        if (!errors.isEmpty()) {
            return null;
        }
        ScenarioFile scenario;
        try {
            scenario = JsonMapper.shared().treeToValue(root, ScenarioFile.class);
        } catch (JsonProcessingException e) {
            List<JsonMappingException.Reference> references = e instanceof JsonMappingException mapping ? mapping.getPath() : List.of();
            String path = jsonPath(references);
            JsonNode node = nodeAt(root, references);
            String message = e.getOriginalMessage();
            if (e instanceof ValueInstantiationException && e.getCause() instanceof InvalidValueException invalid) {
                path = path + (invalid.path().startsWith("[") ? "" : ".") + invalid.path();
                node = descend(node, invalid.path());
                message = invalid.problem();
            } else if (e instanceof ValueInstantiationException && e.getCause() != null) {
                message = e.getCause().getMessage();
            }
            errors.add(at(file, path, node, message));
            return null;
        }
        return scenario;
    }

    private JsonNode keyNode(SeedSource.SourceFile file) {
        try {
            return JsonNodes.readTree(parser, file.content(), LocationJsonNodeFactoryFactory.getInstance()).get("key");
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static SeedError parseError(SeedSource.SourceFile file, RuntimeException e) {
        Throwable cause = e;
        while (cause != null && !(cause instanceof JsonProcessingException)) {
            cause = cause.getCause();
        }
        if (cause instanceof JsonProcessingException json && json.getLocation() != null) {
            JsonLocation location = json.getLocation();
            return new SeedError(file.name(), "$", location.getLineNr(), location.getColumnNr(),
                    "not valid JSON: " + json.getOriginalMessage());
        }
        return new SeedError(file.name(), "$", 1, 1, "not valid JSON: " + e.getMessage());
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
