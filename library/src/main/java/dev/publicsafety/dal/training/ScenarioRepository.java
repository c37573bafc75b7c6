package dev.publicsafety.dal.training;

import static dev.publicsafety.dal.generated.training.Tables.TRAINING_SCENARIOS;

import dev.publicsafety.dal.error.NotFoundException;
import dev.publicsafety.dal.generated.training.enums.DifficultyLevel;
import dev.publicsafety.dal.generated.training.tables.records.TrainingScenariosRecord;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/** Training scenarios: what is offered to trainees, by difficulty and by stable key. */
public final class ScenarioRepository {

    private final DSLContext ctx;

    /** Works inside whatever transaction {@code ctx} is in; {@link TrainingDatabase} is the usual way to get one. */
    public ScenarioRepository(DSLContext ctx) {
        this.ctx = ctx;
    }

    /** Active scenarios, easiest first, then by name. */
    public List<Scenario> findActive() {
        return ctx.selectFrom(TRAINING_SCENARIOS)
                .where(TRAINING_SCENARIOS.IS_ACTIVE)
                .orderBy(TRAINING_SCENARIOS.DIFFICULTY_LEVEL, TRAINING_SCENARIOS.NAME)
                .fetch(ScenarioRepository::toScenario);
    }

    /** Active scenarios of one difficulty, by name. */
    public List<Scenario> findActiveByDifficulty(DifficultyLevel difficulty) {
        return ctx.selectFrom(TRAINING_SCENARIOS)
                .where(TRAINING_SCENARIOS.IS_ACTIVE.isTrue().and(TRAINING_SCENARIOS.DIFFICULTY_LEVEL.eq(difficulty)))
                .orderBy(TRAINING_SCENARIOS.NAME)
                .fetch(ScenarioRepository::toScenario);
    }

    /** The scenario seeded under {@code key}, active or not. */
    public Optional<Scenario> findByKey(String key) {
        return ctx.selectFrom(TRAINING_SCENARIOS)
                .where(TRAINING_SCENARIOS.SCENARIO_KEY.eq(key))
                .fetchOptional(ScenarioRepository::toScenario);
    }

    public Optional<Scenario> findById(java.util.UUID id) {
        return ctx.selectFrom(TRAINING_SCENARIOS)
                .where(TRAINING_SCENARIOS.ID.eq(id))
                .fetchOptional(ScenarioRepository::toScenario);
    }

    /** Offers the scenario to trainees again. */
    public void activate(String key) {
        setActive(key, true);
    }

    /** Stops offering the scenario; sessions that used it keep their history. */
    public void deactivate(String key) {
        setActive(key, false);
    }

    private void setActive(String key, boolean active) {
        int updated = ctx.update(TRAINING_SCENARIOS)
                .set(TRAINING_SCENARIOS.IS_ACTIVE, active)
                .where(TRAINING_SCENARIOS.SCENARIO_KEY.eq(key))
                .execute();
        if (updated == 0) {
            throw new NotFoundException("training_scenarios", key, "no training scenario with key '" + key + "'");
        }
    }

    static Scenario toScenario(TrainingScenariosRecord r) {
        return new Scenario(r.getId(), r.getScenarioKey(), r.getName(), r.getDescription(), r.getDifficultyLevel(),
                r.getIsActive(), r.getCallerProfile(), r.getScenarioScript());
    }
}
