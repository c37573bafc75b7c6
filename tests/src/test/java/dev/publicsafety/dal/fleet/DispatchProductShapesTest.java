package dev.publicsafety.dal.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.fleet.radio.NewRadioChannel;
import dev.publicsafety.dal.fleet.radio.RadioChannel;
import dev.publicsafety.dal.fleet.radio.Transmission;
import dev.publicsafety.dal.fleet.value.TransmissionEntities;
import dev.publicsafety.dal.fleet.value.TransmissionEntity;
import dev.publicsafety.dal.generated.fleet.enums.ChannelSourceType;
import dev.publicsafety.dal.jsonb.JsonMapper;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.Tenant;
import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The radio-dispatch product's shapes (issue #31), as its public repository gives them: entities as
 * an object of arrays keyed by category, {@code sip_uri} and {@code sample_rate} in a channel's
 * configuration, and the ICECAST source type.
 */
@IsolatedDatabase
class DispatchProductShapesTest {

    /** As the product's workers store them (services/workers, sample_data.sql). */
    private static final String PRODUCT_ENTITIES = """
            {"unit_ids": ["E-42", "M-7"], "locations": ["123 Main Street"], "incident_codes": ["CODE 3"],
             "people": [], "personnel_count": 4, "times": null}""";

    private static TestDatabase db;
    private static FleetDatabase fleet;
    private static UUID org;
    private static UUID channel;

    @BeforeAll
    static void setUp(Tenant tenant, TestDatabase database) {
        db = database;
        fleet = tenant.fleet();
        org = tenant.id();
        channel = FleetTestSupport.channel(fleet, org, "Product").id();
    }

    @Test
    void shouldReadTheProductsCategoriesAsTypedEntitiesKeepingTheCategory() {
        List<TransmissionEntity> entities = TransmissionEntities.read(json(PRODUCT_ENTITIES));
        assertEquals(List.of(
                new TransmissionEntity("UNIT", "E-42", null, null, null, "unit_ids", null),
                new TransmissionEntity("UNIT", "M-7", null, null, null, "unit_ids", null),
                new TransmissionEntity("ADDRESS", "123 Main Street", null, null, null, "locations", null),
                new TransmissionEntity("INCIDENT_CODE", "CODE 3", null, null, null, "incident_codes", null),
                new TransmissionEntity("PERSONNEL_COUNT", "4", null, null, null, "personnel_count", null)), entities);
        assertEquals(List.of(), TransmissionEntities.read(json("{}")), "the product API's default");
    }

    @Test
    void shouldTurnAProductShapedRowIntoOursOnArrivalAndFindItByMention() throws SQLException {
        UUID id = insertAsAProductWorker(PRODUCT_ENTITIES);
        assertEquals("array", ownerText("SELECT jsonb_typeof(entities) FROM fleet.transmissions WHERE id = ?", id));

        Transmission read = fleet.inTransaction(org, Tenant.SETUP, tx -> tx.transmissions().get(id));
        assertEquals(TransmissionEntities.read(json(PRODUCT_ENTITIES)), read.entities(), "what the Java reading of the product's shape gives");
        assertTrue(read.entities().stream().allMatch(e -> e.stored() == null), "every element typed");

        for (String[] mention : new String[][] {{"UNIT", "E-42"}, {"ADDRESS", "123 Main Street"}, {"INCIDENT_CODE", "CODE 3"}}) {
            List<UUID> found = fleet.inTransaction(org, Tenant.SETUP,
                    tx -> tx.transmissions().mentioning(mention[0], mention[1], PageRequest.first(10)).items())
                    .stream().map(Transmission::id).toList();
            assertEquals(List.of(id), found, mention[0] + " " + mention[1]);
        }
        UUID empty = insertAsAProductWorker("{}");
        assertEquals(List.of(), fleet.inTransaction(org, Tenant.SETUP, tx -> tx.transmissions().get(empty)).entities());
    }

    @Test
    void shouldConvertAsTheDatabaseDoes() throws SQLException {
        for (String document : List.of(PRODUCT_ENTITIES, "{}", "{\"statuses\": [\"en route\", \"10-8\"], \"\": [\"x\"], \"vehicles\": [7, true]}",
                "{\"organizations\": \"Harbor City FD\", \"b\": [\"1\"], \"aa\": [\"2\"], \"é\": [\"3\"]}")) {
            String converted = ownerText("SELECT fleet.entities_from_categories(?::jsonb)::text", document);
            assertEquals(TransmissionEntities.read(json(document)), TransmissionEntities.read(json(converted)), document);
        }
    }

    @Test
    void shouldKeepElementsItDoesNotAcceptAsStoredAndWriteThemBackUnchanged() throws SQLException {
        String foreign = "[{\"type\": \"UNIT\", \"value\": \"E-1\", \"source\": \"nlp-v2\"}, \"bare text\", {\"type\": \"PLATE\"},"
                + " {\"type\": \"PLATE\", \"value\": \"8RVT214\", \"confidence\": 0.9}]";
        UUID id = insertAsAProductWorker(foreign);
        List<TransmissionEntity> read = fleet.inTransaction(org, Tenant.SETUP, tx -> tx.transmissions().get(id)).entities();
        assertEquals(4, read.size());
        assertEquals("E-1", read.get(0).value());
        assertNotNull(read.get(0).stored(), "an unknown property keeps the element as stored");
        assertNull(read.get(1).type());
        assertNotNull(read.get(2).stored(), "an entity without a value");
        assertEquals(new TransmissionEntity("PLATE", "8RVT214", 0.9, null, null), read.get(3));

        fleet.inTransaction(org, Tenant.SETUP, tx -> tx.transmissions().transcribe(id, "Engine 1", 0.8, "en", read));
        assertEquals("true", ownerText("SELECT (entities = ?::jsonb)::text FROM fleet.transmissions WHERE id = ?", foreign, id),
                "written back as it was stored");
    }

    @Test
    void shouldTakeTheProductsSipUriAsOursAndRefuseTwoDifferentOnes() {
        RadioChannel sip = fleet.inTransaction(org, Tenant.SETUP, tx -> tx.channels().create(new NewRadioChannel("SIP product",
                ChannelSourceType.SIP, Map.of("sip_uri", "sip:dispatch@pbx.example.org", "sample_rate", 16000))));
        assertEquals(Map.of("uri", "sip:dispatch@pbx.example.org", "sample_rate", 16000), sip.sourceConfig());

        InvalidInputException both = assertThrows(InvalidInputException.class, () -> new NewRadioChannel("Both", ChannelSourceType.SIP,
                Map.of("uri", "sip:a@pbx.example.org", "sip_uri", "sip:b@pbx.example.org")));
        assertTrue(both.getMessage().contains("both uri and sip_uri"), both.getMessage());
        InvalidInputException notSip = assertThrows(InvalidInputException.class, () -> new NewRadioChannel("Bad", ChannelSourceType.SIP,
                Map.of("sip_uri", "https://pbx.example.org")));
        assertTrue(notSip.getMessage().contains("source_config.uri 'https://pbx.example.org' is not a SIP URI"), notSip.getMessage());
    }

    @Test
    void shouldAcceptASampleRateWithinItsRangeOnly() {
        Map<String, Object> http = Map.of("url", "https://streams.example.org/north", "sample_rate", 22050);
        assertEquals(http, new NewRadioChannel("HTTP product", ChannelSourceType.HTTP, http).sourceConfig());
        for (Object rate : List.of(4000, 400000, "22050", 22050.5)) {
            InvalidInputException error = assertThrows(InvalidInputException.class, () -> new NewRadioChannel("Rate", ChannelSourceType.HTTP,
                    Map.of("url", "https://streams.example.org/north", "sample_rate", rate)));
            assertTrue(error.getMessage().contains("source_config.sample_rate must be a whole number from 8000 to 192000, was " + rate),
                    error.getMessage());
        }
        InvalidInputException file = assertThrows(InvalidInputException.class, () -> new NewRadioChannel("File", ChannelSourceType.FILE,
                Map.of("path", "/var/spool/radio", "sample_rate", 8000)));
        assertTrue(file.getMessage().contains("unknown key [sample_rate]"), file.getMessage());
    }

    @Test
    void shouldStoreAnIcecastChannelWithItsMountUrl() {
        RadioChannel icecast = fleet.inTransaction(org, Tenant.SETUP, tx -> tx.channels().create(new NewRadioChannel("Icecast",
                ChannelSourceType.ICECAST, Map.of("url", "https://icecast.example.org:8000/fire-north", "format", "ogg",
                        "password_ref", "icecast-source-password"))));
        assertEquals(ChannelSourceType.ICECAST, fleet.inTransaction(org, Tenant.SETUP,
                tx -> tx.channels().bySourceType(ChannelSourceType.ICECAST, PageRequest.first(5))).items().get(0).sourceType());
        assertEquals("https://icecast.example.org:8000/fire-north", icecast.sourceConfig().get("url"));

        InvalidInputException missing = assertThrows(InvalidInputException.class,
                () -> new NewRadioChannel("No mount", ChannelSourceType.ICECAST, Map.of("format", "mp3")));
        assertTrue(missing.getMessage().contains("radio channel 'No mount' (ICECAST): source_config.url is required"), missing.getMessage());
        InvalidInputException format = assertThrows(InvalidInputException.class, () -> new NewRadioChannel("Wav", ChannelSourceType.ICECAST,
                Map.of("url", "http://icecast.example.org/a", "format", "wav")));
        assertTrue(format.getMessage().contains("source_config.format 'wav' is not one of [aac, mp3, ogg, opus]"), format.getMessage());
    }

    /** A row as the product's workers write one: plain SQL, entities in their shape. */
    private static UUID insertAsAProductWorker(String entities) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection owner = db.dataSource().getConnection(); PreparedStatement insert = owner.prepareStatement(
                "INSERT INTO fleet.transmissions (id, org_id, channel_id, started_at, entities) VALUES (?, ?, ?, ?, ?::jsonb)")) {
            insert.setObject(1, id);
            insert.setObject(2, org);
            insert.setObject(3, channel);
            insert.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
            insert.setString(5, entities);
            insert.executeUpdate();
        }
        return id;
    }

    private static String ownerText(String sql, Object... parameters) throws SQLException {
        try (Connection owner = db.dataSource().getConnection(); PreparedStatement statement = owner.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static JsonNode json(String text) {
        try {
            return JsonMapper.shared().readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(text, e);
        }
    }
}
