package dev.publicsafety.dal.codegen;

import static dev.publicsafety.dal.generated.fleet.Tables.ASSETS;
import static dev.publicsafety.dal.generated.fleet.Tables.INCIDENTS;
import static dev.publicsafety.dal.generated.fleet.Tables.ORGANIZATIONS;
import static dev.publicsafety.dal.generated.fleet.Tables.RADIO_CHANNELS;
import static dev.publicsafety.dal.generated.fleet.Tables.TRANSMISSIONS;
import static dev.publicsafety.dal.generated.fleet.Tables.USERS;
import static dev.publicsafety.dal.generated.training.Tables.TRAINING_SCENARIOS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.publicsafety.dal.fleet.value.TransmissionEntity;
import dev.publicsafety.dal.generated.fleet.enums.AssetType;
import dev.publicsafety.dal.generated.fleet.enums.ChannelSourceType;
import dev.publicsafety.dal.generated.training.enums.DifficultyLevel;
import dev.publicsafety.dal.geo.Location;
import dev.publicsafety.dal.jsonb.JsonMapper;
import dev.publicsafety.dal.jsonb.Jsonb;
import dev.publicsafety.dal.jsonb.JsonbConverter;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import dev.publicsafety.dal.training.value.CallerProfile;
import dev.publicsafety.dal.training.value.ScenarioScript;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.EnumType;
import org.jooq.JSONB;
import org.jooq.SQLDialect;
import org.jooq.exception.DataTypeException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Typed JSONB, enums and arrays survive a trip through PostgreSQL unchanged. */
@IsolatedDatabase
class TypedColumnsTest {

    private static DSLContext ctx;
    private static UUID org;

    @BeforeAll
    static void connect(TestDatabase db) {
        ctx = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
        org = ctx.insertInto(ORGANIZATIONS, ORGANIZATIONS.NAME, ORGANIZATIONS.SLUG)
                .values("Typed County", "typed-county").returning(ORGANIZATIONS.ID).fetchOne().getId();
    }

    static Stream<String> bundledScenarios() {
        return Stream.of("domestic-violence", "heart-attack", "car-accident", "active-shooter", "burglary-in-progress");
    }

    @ParameterizedTest
    @MethodSource("bundledScenarios")
    void shouldRoundTripCallerProfileAndScenarioScript(String key) throws Exception {
        JsonNode file;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("scenarios/" + key + ".json")) {
            file = JsonMapper.shared().readTree(in);
        }
        CallerProfile profile = JsonMapper.shared().treeToValue(file.get("caller_profile"), CallerProfile.class);
        ScenarioScript script = JsonMapper.shared().treeToValue(file.get("scenario_script"), ScenarioScript.class);

        UUID id = ctx.insertInto(TRAINING_SCENARIOS)
                .set(TRAINING_SCENARIOS.NAME, file.get("name").asText())
                .set(TRAINING_SCENARIOS.DESCRIPTION, file.get("description").asText())
                .set(TRAINING_SCENARIOS.CALLER_PROFILE, profile)
                .set(TRAINING_SCENARIOS.SCENARIO_SCRIPT, script)
                .set(TRAINING_SCENARIOS.DIFFICULTY_LEVEL, DifficultyLevel.HARD)
                .returning(TRAINING_SCENARIOS.ID).fetchOne().getId();

        var stored = ctx.selectFrom(TRAINING_SCENARIOS).where(TRAINING_SCENARIOS.ID.eq(id)).fetchOne();
        assertEquals(profile, stored.getCallerProfile());
        assertEquals(script, stored.getScenarioScript());
        // Stored as the same snake_case JSON the seed file holds, so SQL users see the familiar shape.
        assertEquals(file.get("caller_profile"), JsonMapper.shared().readTree(
                ctx.select(TRAINING_SCENARIOS.CALLER_PROFILE.cast(String.class)).from(TRAINING_SCENARIOS)
                        .where(TRAINING_SCENARIOS.ID.eq(id)).fetchOne().value1()));
    }

    @Test
    void shouldRoundTripLocationsOfIncidentsAndAssets() {
        Location full = new Location("1427 Maple Avenue", "Riverton", "CA", "95012", "Oak Street", 37.1234, -121.5678);
        Location coordinates = Location.ofCoordinates(37.5, -122.25);
        UUID incident = ctx.insertInto(INCIDENTS)
                .set(INCIDENTS.ORG_ID, org).set(INCIDENTS.INCIDENT_NUMBER, "T-1").set(INCIDENTS.TITLE, "Fire")
                .set(INCIDENTS.INCIDENT_TYPE, "fire").set(INCIDENTS.LOCATION, full)
                .returning(INCIDENTS.ID).fetchOne().getId();
        UUID asset = ctx.insertInto(ASSETS)
                .set(ASSETS.ORG_ID, org).set(ASSETS.NAME, "Engine 7").set(ASSETS.ASSET_TYPE, AssetType.VEHICLE)
                .set(ASSETS.LOCATION, coordinates)
                .returning(ASSETS.ID).fetchOne().getId();

        assertEquals(full, ctx.select(INCIDENTS.LOCATION).from(INCIDENTS).where(INCIDENTS.ID.eq(incident)).fetchOne().value1());
        assertEquals(coordinates, ctx.select(ASSETS.LOCATION).from(ASSETS).where(ASSETS.ID.eq(asset)).fetchOne().value1());
        assertEquals(1, ctx.fetchCount(INCIDENTS, Jsonb.contains(INCIDENTS.LOCATION, Location.ofAddress("1427 Maple Avenue", "Riverton"))));
    }

    @Test
    void shouldReadTheDispatchProductsLatLngAddressFormOfALocation() {
        for (String json : List.of("{\"lat\": 37.5, \"lng\": -122.25, \"address\": \"12 Harbor Way\"}",
                "{\"latitude\": 37.5, \"lng\": -122.25, \"address\": \"12 Harbor Way\"}")) {
            UUID asset = ctx.insertInto(ASSETS)
                    .set(ASSETS.ORG_ID, org).set(ASSETS.NAME, "Medic 3").set(ASSETS.ASSET_TYPE, AssetType.VEHICLE)
                    .set(DSL.field(ASSETS.LOCATION.getUnqualifiedName(), JSONB.class), JSONB.valueOf(json))
                    .returning(ASSETS.ID).fetchOne().getId();
            assertEquals(new Location("12 Harbor Way", null, null, null, null, 37.5, -122.25),
                    ctx.select(ASSETS.LOCATION).from(ASSETS).where(ASSETS.ID.eq(asset)).fetchOne().value1(), json);
        }
        // written back in the data layer's own form, which it reads as the same location
        Location written = ctx.select(ASSETS.LOCATION).from(ASSETS).limit(1).fetchOne().value1();
        assertEquals(written, JsonMapper.shared().convertValue(JsonMapper.shared().valueToTree(written), Location.class));
        DataTypeException conflict = assertThrows(DataTypeException.class, () -> new JsonbConverter<>(Location.class)
                .from(JSONB.valueOf("{\"lat\": 1.0, \"latitude\": 2.0, \"lng\": 3.0}")));
        assertTrue(conflict.getMessage().contains("latitude 2.0 and lat 1.0 disagree"), conflict.getMessage());
    }

    @Test
    void shouldRoundTripTransmissionEntitiesAndFindThemByContainment() {
        UUID channel = ctx.insertInto(RADIO_CHANNELS)
                .set(RADIO_CHANNELS.ORG_ID, org).set(RADIO_CHANNELS.NAME, "Dispatch 1")
                .set(RADIO_CHANNELS.SOURCE_TYPE, ChannelSourceType.SIP)
                .returning(RADIO_CHANNELS.ID).fetchOne().getId();
        List<TransmissionEntity> entities = List.of(
                new TransmissionEntity("PLATE", "8RVT214", 0.97, 10, 17),
                new TransmissionEntity("ADDRESS", "3100 Riverside Drive", 0.88, 25, 45));
        for (List<TransmissionEntity> e : List.of(entities, List.<TransmissionEntity>of())) {
            ctx.insertInto(TRANSMISSIONS)
                    .set(TRANSMISSIONS.ORG_ID, org).set(TRANSMISSIONS.CHANNEL_ID, channel)
                    .set(TRANSMISSIONS.STARTED_AT, OffsetDateTime.parse("2026-11-01T10:15:30Z"))
                    .set(TRANSMISSIONS.ENTITIES, e)
                    .execute();
        }

        var found = ctx.select(TRANSMISSIONS.ENTITIES).from(TRANSMISSIONS)
                .where(Jsonb.contains(TRANSMISSIONS.ENTITIES, List.of(TransmissionEntity.of("PLATE", "8RVT214"))))
                .fetch(TRANSMISSIONS.ENTITIES);
        assertEquals(List.of(entities), found);
        assertEquals(0, ctx.fetchCount(TRANSMISSIONS, Jsonb.contains(TRANSMISSIONS.ENTITIES,
                List.of(TransmissionEntity.of("PLATE", "NOPE")))));
    }

    @Test
    void shouldRoundTripFeatureFlagsAndRejectAWrongShape() {
        ctx.update(ORGANIZATIONS).set(ORGANIZATIONS.FEATURE_FLAGS, Map.of("ai_transcription", true, "auto_dispatch", false))
                .where(ORGANIZATIONS.ID.eq(org)).execute();
        assertEquals(Map.of("ai_transcription", true, "auto_dispatch", false),
                ctx.select(ORGANIZATIONS.FEATURE_FLAGS).from(ORGANIZATIONS).where(ORGANIZATIONS.ID.eq(org)).fetchOne().value1());

        ctx.execute("UPDATE fleet.organizations SET feature_flags = '{\"ai_transcription\": \"yes\"}' WHERE id = ?", org);
        RuntimeException error = assertThrows(RuntimeException.class, () -> ctx.select(ORGANIZATIONS.FEATURE_FLAGS)
                .from(ORGANIZATIONS).where(ORGANIZATIONS.ID.eq(org)).fetchOne());
        Throwable cause = error;
        while (!(cause instanceof DataTypeException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        assertTrue(cause.getMessage().contains("JSONB value does not match") && cause.getMessage().contains("\"yes\""),
                cause.getMessage());
    }

    /** The generated enums, and the one written by hand in the types module. */
    static Stream<Class<? extends EnumType>> everyEnum() {
        return Stream.of(
                dev.publicsafety.dal.generated.fleet.enums.AssetStatus.class,
                dev.publicsafety.dal.generated.fleet.enums.AssetType.class,
                dev.publicsafety.dal.generated.fleet.enums.ChannelSourceType.class,
                dev.publicsafety.dal.generated.fleet.enums.CrewStatus.class,
                dev.publicsafety.dal.generated.fleet.enums.IncidentStatus.class,
                dev.publicsafety.dal.generated.fleet.enums.OperationMode.class,
                dev.publicsafety.dal.generated.fleet.enums.TaskStatus.class,
                dev.publicsafety.dal.generated.training.enums.CallSessionStatus.class,
                dev.publicsafety.dal.generated.training.enums.DifficultyLevel.class,
                dev.publicsafety.dal.training.value.Speaker.class);
    }

    @ParameterizedTest
    @MethodSource("everyEnum")
    <E extends Enum<E> & EnumType> void shouldMapEveryEnumLabelBothWays(Class<E> type) {
        E first = type.getEnumConstants()[0];
        String qualified = first.getSchema().getName() + "." + first.getName();
        List<String> databaseLabels = ctx.fetchValues("SELECT unnest(enum_range(NULL::" + qualified + "))::text").stream()
                .map(String::valueOf).toList();
        assertEquals(databaseLabels, Arrays.stream(type.getEnumConstants()).map(EnumType::getLiteral).toList());
        for (E constant : type.getEnumConstants()) {
            assertEquals(constant, ctx.select(DSL.val(constant)).fetchOne().value1(), "Java → PostgreSQL → Java");
            assertEquals(constant, ctx.select(DSL.field("{0}::" + qualified, type, DSL.val(constant.getLiteral())))
                    .fetchOne().value1(), "PostgreSQL label → Java");
        }
    }

    @Test
    void shouldQueryArrayColumnsByContainment() {
        ctx.insertInto(USERS, USERS.ORG_ID, USERS.OIDC_SUBJECT, USERS.EMAIL, USERS.DISPLAY_NAME, USERS.ROLES)
                .values(org, "sub-1", "a@example.org", "A", new String[] {"dispatcher", "supervisor"})
                .values(org, "sub-2", "b@example.org", "B", new String[] {"dispatcher"})
                .values(org, "sub-3", "c@example.org", "C", new String[] {"admin"})
                .execute();
        assertEquals(List.of("sub-1", "sub-2"), ctx.select(USERS.OIDC_SUBJECT).from(USERS)
                .where(USERS.ROLES.contains(new String[] {"dispatcher"})).orderBy(USERS.OIDC_SUBJECT).fetch(USERS.OIDC_SUBJECT));
        assertEquals(List.of("sub-1"), ctx.select(USERS.OIDC_SUBJECT).from(USERS)
                .where(USERS.ROLES.contains(new String[] {"dispatcher", "supervisor"})).fetch(USERS.OIDC_SUBJECT));
        assertTrue(ctx.renderInlined(USERS.ROLES.contains(new String[] {"x"})).contains("@>"), "rendered as the GIN-indexable @>");
    }
}
