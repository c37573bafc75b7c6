package dev.publicsafety.dal.fleet.radio;

import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.generated.fleet.enums.ChannelSourceType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Validates a radio channel's {@code source_config} for its source type. The keys per type:
 *
 * <table>
 * <caption>source_config keys</caption>
 * <tr><th>type</th><th>required</th><th>optional</th></tr>
 * <tr><td>SIP</td><td>{@code uri} (sip: or sips:)</td><td>{@code username}, {@code password_ref}, {@code codec} (opus, pcmu, pcma, g722), {@code sample_rate}</td></tr>
 * <tr><td>HTTP</td><td>{@code url} (http or https)</td><td>{@code format} (mp3, aac, ogg, wav), {@code poll_interval_seconds} (1-3600), {@code sample_rate}</td></tr>
 * <tr><td>ICECAST</td><td>{@code url} (http or https, the mount's URL)</td><td>{@code format} (mp3, aac, ogg, opus), {@code username}, {@code password_ref}, {@code sample_rate}</td></tr>
 * <tr><td>FILE</td><td>{@code path} (absolute)</td><td>{@code pattern} (glob), {@code recursive} (boolean)</td></tr>
 * <tr><td>API</td><td>{@code endpoint} (http or https)</td><td>{@code auth} (none, bearer, api_key), {@code token_ref} (required unless auth is none)</td></tr>
 * </table>
 *
 * {@code sample_rate} is the audio's rate in Hz (8000 to 192000). The dispatch product's
 * {@code sip_uri} is taken as {@code uri}: {@link #validated} returns the configuration to store,
 * with our key.
 *
 * Secrets are never stored in the configuration, only references to them ({@code *_ref}).
 */
final class ChannelConfig {

    private static final Map<ChannelSourceType, Set<String>> KEYS = new EnumMap<>(Map.of(
            ChannelSourceType.SIP, Set.of("uri", "username", "password_ref", "codec", "sample_rate"),
            ChannelSourceType.HTTP, Set.of("url", "format", "poll_interval_seconds", "sample_rate"),
            ChannelSourceType.ICECAST, Set.of("url", "format", "username", "password_ref", "sample_rate"),
            ChannelSourceType.FILE, Set.of("path", "pattern", "recursive"),
            ChannelSourceType.API, Set.of("endpoint", "auth", "token_ref")));

    /** The dispatch product's names for our keys, per source type. */
    private static final Map<ChannelSourceType, Map<String, String>> PRODUCT_KEYS = Map.of(
            ChannelSourceType.SIP, Map.of("sip_uri", "uri"));

    private ChannelConfig() {
    }

    /** The configuration to store: {@code config} checked for {@code type}, with the product's key names made ours. */
    static Map<String, Object> validated(String channel, ChannelSourceType type, Map<String, Object> config) {
        if (type == null) {
            throw new InvalidInputException("sourceType", "radio channel '" + channel + "': source type is required (one of "
                    + Arrays.stream(ChannelSourceType.values()).map(ChannelSourceType::getLiteral).toList() + ")");
        }
        Map<String, Object> ours = new LinkedHashMap<>(config == null ? Map.of() : config);
        for (Map.Entry<String, String> alias : PRODUCT_KEYS.getOrDefault(type, Map.of()).entrySet()) {
            if (ours.containsKey(alias.getKey())) {
                Object value = ours.remove(alias.getKey());
                Object given = ours.putIfAbsent(alias.getValue(), value);
                if (given != null && !given.equals(value)) {
                    throw new InvalidInputException("sourceConfig", "radio channel '" + channel + "' (" + type.getLiteral()
                            + "): source_config has both " + alias.getValue() + " and " + alias.getKey()
                            + " (the dispatch product's name for it) with different values");
                }
            }
        }
        validate(new Check(channel, type, ours));
        return Collections.unmodifiableMap(ours);
    }

    private static void validate(Check check) {
        ChannelSourceType type = check.type;
        Set<String> unknown = new TreeSet<>(check.config.keySet());
        unknown.removeAll(KEYS.get(type));
        if (!unknown.isEmpty()) {
            throw check.fail("source_config has unknown key" + (unknown.size() == 1 ? " " : "s ") + unknown
                    + "; allowed for " + type.getLiteral() + ": " + new TreeSet<>(KEYS.get(type)));
        }
        switch (type) {
            case SIP -> {
                String uri = check.requiredText("uri", "a SIP URI such as sip:dispatch@pbx.example.org");
                if (!uri.matches("sips?:[^\\s]+")) {
                    throw check.fail("source_config.uri '" + uri + "' is not a SIP URI (sip:user@host or sips:user@host)");
                }
                check.optionalText("username");
                check.optionalText("password_ref");
                check.optionalChoice("codec", Set.of("opus", "pcmu", "pcma", "g722"));
                check.optionalInteger("sample_rate", 8000, 192000);
            }
            case HTTP -> {
                check.url("url", "an http(s) stream URL such as https://streams.example.org/fire-north");
                check.optionalChoice("format", Set.of("mp3", "aac", "ogg", "wav"));
                check.optionalInteger("poll_interval_seconds", 1, 3600);
                check.optionalInteger("sample_rate", 8000, 192000);
            }
            case ICECAST -> {
                check.url("url", "an Icecast mount URL such as https://icecast.example.org:8000/fire-north");
                check.optionalChoice("format", Set.of("mp3", "aac", "ogg", "opus"));
                check.optionalText("username");
                check.optionalText("password_ref");
                check.optionalInteger("sample_rate", 8000, 192000);
            }
            case FILE -> {
                String path = check.requiredText("path", "an absolute directory or file path such as /var/spool/radio/north");
                if (!path.startsWith("/")) {
                    throw check.fail("source_config.path '" + path + "' must be absolute (start with /)");
                }
                check.optionalText("pattern");
                check.optionalBoolean("recursive");
            }
            case API -> {
                check.url("endpoint", "an http(s) endpoint such as https://api.vendor.example/v1/channels/42");
                String auth = check.optionalChoice("auth", Set.of("none", "bearer", "api_key"));
                String token = check.optionalText("token_ref");
                if (auth != null && !auth.equals("none") && token == null) {
                    throw check.fail("source_config.token_ref is required when auth is " + auth
                            + " (the name of the secret holding the token, not the token)");
                }
            }
            default -> throw check.fail("unsupported source type");
        }
    }

    private record Check(String channel, ChannelSourceType type, Map<String, Object> config) {

        InvalidInputException fail(String problem) {
            return new InvalidInputException("sourceConfig", "radio channel '" + channel + "' (" + type.getLiteral() + "): " + problem);
        }

        String requiredText(String key, String example) {
            Object value = config.get(key);
            if (value == null) {
                throw fail("source_config." + key + " is required (" + example + ")");
            }
            if (!(value instanceof String text) || text.isBlank()) {
                throw fail("source_config." + key + " must be a non-empty string, was " + value);
            }
            return text;
        }

        String optionalText(String key) {
            Object value = config.get(key);
            if (value == null) {
                return null;
            }
            if (!(value instanceof String text) || text.isBlank()) {
                throw fail("source_config." + key + " must be a non-empty string, was " + value);
            }
            return text;
        }

        String optionalChoice(String key, Set<String> choices) {
            String value = optionalText(key);
            if (value != null && !choices.contains(value)) {
                throw fail("source_config." + key + " '" + value + "' is not one of " + new TreeSet<>(choices));
            }
            return value;
        }

        void optionalInteger(String key, int min, int max) {
            Object value = config.get(key);
            if (value != null && !(value instanceof Integer i && i >= min && i <= max)) {
                throw fail("source_config." + key + " must be a whole number from " + min + " to " + max + ", was " + value);
            }
        }

        void optionalBoolean(String key) {
            Object value = config.get(key);
            if (value != null && !(value instanceof Boolean)) {
                throw fail("source_config." + key + " must be true or false, was " + value);
            }
        }

        void url(String key, String example) {
            String text = requiredText(key, example);
            try {
                URI uri = new URI(text);
                String scheme = uri.getScheme();
                if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                    throw fail("source_config." + key + " '" + text + "' is not an http(s) URL with a host (" + example + ")");
                }
            } catch (URISyntaxException e) {
                throw fail("source_config." + key + " '" + text + "' is not a valid URL: " + e.getReason());
            }
        }
    }
}
