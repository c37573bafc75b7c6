package dev.publicsafety.dal.bench;

import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.organization.NewOrganization;
import dev.publicsafety.dal.fleet.radio.NewRadioChannel;
import dev.publicsafety.dal.fleet.radio.NewTransmission;
import dev.publicsafety.dal.fleet.value.TransmissionEntity;
import dev.publicsafety.dal.generated.fleet.enums.ChannelSourceType;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/** An organization, its channels, and recorder-shaped transmissions for the fleet benchmarks. */
final class FleetBenchData {

    static final Actor RECORDER = Actor.service("bench-recorder");
    static final OffsetDateTime T0 = OffsetDateTime.parse("2026-01-01T00:00:00Z");
    /** As common as the demo's hot plate: in one transmission of 140 (2 in 7 name a plate, 1 in 40 of those this one). */
    static final String HOT_PLATE = "BENCH01";
    static final int HOT_PLATE_EVERY = 140;
    /** As common as the demo tour's transcript search, "breathing": in one transmission of 7. */
    static final String COMMON_WORD = "breathing";
    static final int COMMON_WORD_EVERY = 7;

    final UUID org;
    final List<UUID> channels = new ArrayList<>();

    FleetBenchData(FleetDatabase fleet, String slug, int channelCount) {
        org = fleet.createOrganization(RECORDER, NewOrganization.of("Bench " + slug, slug)).id();
        fleet.execute(org, RECORDER, tx -> {
            for (int i = 0; i < channelCount; i++) {
                channels.add(tx.channels().create(new NewRadioChannel("Channel " + i, ChannelSourceType.API,
                        Map.of("endpoint", "https://recorder.invalid/" + i, "auth", "none"))).id());
            }
        });
    }

    /**
     * {@code count} transmissions, {@code offset} seconds apart from each other, spread over the
     * channels; one in {@value #HOT_PLATE_EVERY} mentions {@link #HOT_PLATE}, one in {@value #COMMON_WORD_EVERY}
     * says {@link #COMMON_WORD}.
     */
    List<NewTransmission> transmissions(int first, int count, Random random) {
        return transmissions(first, count, random, T0, Duration.ofSeconds(1));
    }

    /** The same, the first at {@code start} and each {@code spacing} after the one before. */
    List<NewTransmission> transmissions(int first, int count, Random random, OffsetDateTime start, Duration spacing) {
        List<NewTransmission> rows = new ArrayList<>(count);
        for (int i = first; i < first + count; i++) {
            OffsetDateTime started = start.plus(spacing.multipliedBy(i));
            String plate = i % HOT_PLATE_EVERY == 0 ? HOT_PLATE : "P" + (100000 + random.nextInt(900000));
            String unit = "Engine " + (1 + random.nextInt(20));
            String text = unit + ", run plate " + plate + " at " + (100 + random.nextInt(9900)) + " Harbor Way"
                    + (i % COMMON_WORD_EVERY == 3 ? ", patient conscious and " + COMMON_WORD + "." : ".");
            rows.add(new NewTransmission(channels.get(i % channels.size()), started, started.plusSeconds(4 + random.nextInt(20)),
                    "s3://audio/" + i + ".wav", text, 0.8 + random.nextDouble() * 0.2, "en",
                    List.of(new TransmissionEntity("UNIT", unit, 0.95, 0, unit.length()),
                            new TransmissionEntity("PLATE", plate, 0.9, null, null)),
                    Map.of()));
        }
        return rows;
    }
}
