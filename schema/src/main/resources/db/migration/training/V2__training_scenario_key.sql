-- A stable key for scenarios that come from seed files, so that re-seeding updates a scenario in
-- place instead of duplicating it. Scenarios created any other way keep a NULL key.
ALTER TABLE training.training_scenarios ADD COLUMN scenario_key varchar(100);
ALTER TABLE training.training_scenarios
    ADD CONSTRAINT training_scenarios_scenario_key_key UNIQUE (scenario_key),
    ADD CONSTRAINT training_scenarios_scenario_key_format CHECK (scenario_key ~ '^[a-z0-9]+(-[a-z0-9]+)*$');
COMMENT ON COLUMN training.training_scenarios.scenario_key IS
    'Stable key of a seeded scenario (its seed file name without .json); NULL for scenarios not created by the seeder.';
