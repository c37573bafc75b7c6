package dev.publicsafety.dal.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.fleet.radio.NewRadioChannel;
import dev.publicsafety.dal.fleet.radio.RadioChannel;
import dev.publicsafety.dal.generated.fleet.enums.ChannelSourceType;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.Tenant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@IsolatedDatabase
class RadioChannelRepositoryTest {

    private static final Actor ADMIN = Actor.service("radio-admin");
    private static FleetDatabase fleet;
    private static UUID org;
    private static Tenant acting;

    @BeforeAll
    static void setUp(Tenant tenant) {
        fleet = tenant.fleet();
        org = tenant.id();
        acting = tenant.as(ADMIN);
    }


    @Test
    void shouldCreateAChannelOfEverySourceTypeWithAValidConfig() {
        acting.inTransaction(t -> {
            t.channels().create(new NewRadioChannel("Fire North", ChannelSourceType.SIP,
                    Map.of("uri", "sip:fire-north@pbx.example.org", "codec", "opus")));
            t.channels().create(new NewRadioChannel("EMS stream", ChannelSourceType.HTTP,
                    Map.of("url", "https://streams.example.org/ems", "format", "mp3", "poll_interval_seconds", 5)));
            t.channels().create(new NewRadioChannel("Archive", ChannelSourceType.FILE,
                    Map.of("path", "/var/spool/radio", "recursive", true)));
            t.channels().create(new NewRadioChannel("Vendor feed", ChannelSourceType.API,
                    Map.of("endpoint", "https://api.vendor.example/v1/channels/42", "auth", "bearer", "token_ref", "vendor-token")));
            return null;
        });
        RadioChannel sip = acting.inTransaction(t -> t.channels().findByName("Fire North")).orElseThrow();
        assertEquals("sip:fire-north@pbx.example.org", sip.sourceConfig().get("uri"));
        assertEquals(5, acting.inTransaction(t -> t.channels().findByName("EMS stream")).orElseThrow().sourceConfig().get("poll_interval_seconds"));
        List<RadioChannel> apis = acting.inTransaction(t -> t.channels().bySourceType(ChannelSourceType.API, PageRequest.first(10)).items());
        assertEquals(List.of("Vendor feed"), apis.stream().map(RadioChannel::name).toList());
    }

    @Test
    void shouldExplainWhatIsWrongWithAnInvalidConfig() {
        assertEquals("radio channel 'Bad SIP' (SIP): source_config.uri is required (a SIP URI such as sip:dispatch@pbx.example.org)",
                assertThrows(InvalidInputException.class, () -> new NewRadioChannel("Bad SIP", ChannelSourceType.SIP, Map.of())).getMessage());
        assertTrue(assertThrows(InvalidInputException.class, () -> new NewRadioChannel("Bad SIP", ChannelSourceType.SIP,
                Map.of("uri", "http://pbx"))).getMessage().contains("is not a SIP URI"));
        assertTrue(assertThrows(InvalidInputException.class, () -> new NewRadioChannel("Bad HTTP", ChannelSourceType.HTTP,
                Map.of("url", "ftp://x.example.org/a"))).getMessage().contains("source_config.url 'ftp://x.example.org/a' is not an http(s) URL"));
        assertTrue(assertThrows(InvalidInputException.class, () -> new NewRadioChannel("Bad FILE", ChannelSourceType.FILE,
                Map.of("path", "relative/dir"))).getMessage().contains("must be absolute"));
        assertTrue(assertThrows(InvalidInputException.class, () -> new NewRadioChannel("Bad API", ChannelSourceType.API,
                Map.of("endpoint", "https://api.example.org", "auth", "bearer"))).getMessage().contains("token_ref is required when auth is bearer"));
        InvalidInputException unknown = assertThrows(InvalidInputException.class, () -> new NewRadioChannel("Typo", ChannelSourceType.SIP,
                Map.of("uri", "sip:a@b", "pasword", "x")));
        assertEquals("radio channel 'Typo' (SIP): source_config has unknown key [pasword]; allowed for SIP: [codec, password_ref, sample_rate, uri, username]",
                unknown.getMessage());
        assertTrue(assertThrows(InvalidInputException.class, () -> new NewRadioChannel("Bad poll", ChannelSourceType.HTTP,
                Map.of("url", "https://a.example.org", "poll_interval_seconds", "5"))).getMessage().contains("whole number"));
    }

    @Test
    void shouldValidateAConfigUpdateAgainstTheChannelsTypeAndKeepTheOldOneOnError() {
        RadioChannel channel = FleetTestSupport.channel(fleet, org, "Updatable");
        assertThrows(InvalidInputException.class, () -> acting.inTransaction(t -> t.channels().updateConfig(channel.id(), Map.of("url", "https://x.example.org"))));
        assertEquals(channel.sourceConfig(), acting.inTransaction(t -> t.channels().get(channel.id())).sourceConfig());
        RadioChannel updated = acting.inTransaction(t -> t.channels().updateConfig(channel.id(), Map.of("uri", "sips:new@pbx.example.org")));
        assertEquals("sips:new@pbx.example.org", updated.sourceConfig().get("uri"));
    }

    @Test
    void shouldDeactivateAndSoftDeleteAChannel() {
        RadioChannel channel = FleetTestSupport.channel(fleet, org, "Temporary");
        assertFalse(acting.inTransaction(t -> t.channels().deactivate(channel.id())).active());
        assertTrue(acting.inTransaction(t -> t.channels().activate(channel.id())).active());
        fleet.execute(org, ADMIN, t -> t.channels().softDelete(channel.id()));
        assertTrue(acting.inTransaction(t -> t.channels().findById(channel.id())).isEmpty());
    }
}
