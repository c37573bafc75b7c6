package dev.publicsafety.dal.fleet.radio;

import static dev.publicsafety.dal.generated.fleet.Tables.RADIO_CHANNELS;

import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.fleet.Page;
import dev.publicsafety.dal.fleet.PageRequest;
import dev.publicsafety.dal.fleet.internal.Json;
import dev.publicsafety.dal.fleet.internal.Keyset;
import dev.publicsafety.dal.fleet.internal.TenantContext;
import dev.publicsafety.dal.fleet.internal.TenantRepository;
import dev.publicsafety.dal.fleet.internal.Validate;
import dev.publicsafety.dal.generated.fleet.enums.ChannelSourceType;
import dev.publicsafety.dal.generated.fleet.tables.records.RadioChannelsRecord;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.SortOrder;

/**
 * Radio channels, per source type. Their {@code source_config} is validated on every write for its
 * type:
 *
 * <ul>
 * <li>SIP: {@code uri} (required, sip: or sips:), {@code username}, {@code password_ref}, {@code codec} (opus, pcmu, pcma, g722)</li>
 * <li>HTTP: {@code url} (required, http/https), {@code format} (mp3, aac, ogg, wav), {@code poll_interval_seconds} (1-3600)</li>
 * <li>FILE: {@code path} (required, absolute), {@code pattern}, {@code recursive}</li>
 * <li>API: {@code endpoint} (required, http/https), {@code auth} (none, bearer, api_key), {@code token_ref} (required unless auth is none)</li>
 * </ul>
 *
 * Unknown keys are rejected; secrets are referenced ({@code *_ref}), never stored.
 */
public final class RadioChannelRepository extends TenantRepository<RadioChannelsRecord> {

    public RadioChannelRepository(TenantContext context) {
        super(context, RADIO_CHANNELS, RADIO_CHANNELS.ID, RADIO_CHANNELS.ORG_ID, RADIO_CHANNELS.DELETED_AT, null);
    }

    public RadioChannel create(NewRadioChannel channel) {
        return createRow(null, channel);
    }

    /**
     * {@link #create(NewRadioChannel)} under {@code id} instead of a generated id: for records brought over from
     * another system with their ids kept ({@code dal import fleet}). An id a row of this organization
     * already has, soft-deleted or not, is a {@code ConflictException} (ids are unique per organization).
     */
    public RadioChannel createWithId(UUID id, NewRadioChannel channel) {
        return createRow(requireId(id), channel);
    }

    private RadioChannel createRow(UUID id, NewRadioChannel channel) {
        RadioChannelsRecord values = blank();
        values.setName(channel.name());
        values.setSourceType(channel.sourceType());
        values.setSourceConfig(Json.of(channel.sourceConfig()));
        return RadioChannel.of(insert(id, values));
    }

    public Optional<RadioChannel> findById(UUID id) {
        return fetchLive(id).map(RadioChannel::of);
    }

    public RadioChannel get(UUID id) {
        return RadioChannel.of(requireLive(id));
    }

    public Optional<RadioChannel> findByName(String name) {
        return dsl().selectFrom(RADIO_CHANNELS).where(live()).and(RADIO_CHANNELS.NAME.eq(name)).fetchOptional()
                .map(RadioChannel::of);
    }

    /** Channels of one source type, active or not, by name. */
    public Page<RadioChannel> bySourceType(ChannelSourceType type, PageRequest page) {
        return Keyset.page(dsl().selectFrom(RADIO_CHANNELS).where(live()).and(RADIO_CHANNELS.SOURCE_TYPE.eq(type)),
                page, "radio_channels.by_source_type:" + type.getLiteral(), RadioChannel::of, SortOrder.ASC,
                RADIO_CHANNELS.NAME, RADIO_CHANNELS.ID);
    }

    /** Replaces the configuration, validated for the channel's source type. */
    public RadioChannel updateConfig(UUID id, Map<String, Object> config) {
        RadioChannelsRecord before = lockLive(id);
        Map<String, Object> ours = ChannelConfig.validated(before.getName(), before.getSourceType(), config);
        return RadioChannel.of(applyLocked(before, "update_config", r -> r.setSourceConfig(Json.of(ours))));
    }

    /**
     * Sets the trunked-radio talkgroup the channel carries (1 to 64 characters, no surrounding
     * blanks); the dispatch product requires one, channels created before V4 have none.
     */
    public RadioChannel setTalkgroup(UUID id, String talkgroup) {
        Validate.text("talkgroup of radio channel " + id, talkgroup, 64);
        if (!talkgroup.equals(talkgroup.strip())) {
            throw new InvalidInputException("talkgroup", "talkgroup '" + talkgroup + "' of radio channel " + id + " has leading or trailing blanks");
        }
        return RadioChannel.of(updateLocked(id, "set_talkgroup", r -> r.setTalkgroup(talkgroup)));
    }

    public RadioChannel deactivate(UUID id) {
        return RadioChannel.of(updateLocked(id, "deactivate", r -> r.setIsActive(false)));
    }

    public RadioChannel activate(UUID id) {
        return RadioChannel.of(updateLocked(id, "activate", r -> r.setIsActive(true)));
    }
}
