-- After V4: the simulator's own timestamps replace the ones V4 gave every adopted scenario, with
-- V4's trigger held off so that this copy does not count as an update. Run by SimulatorAdoption.
ALTER TABLE training.training_scenarios DISABLE TRIGGER training_scenarios_set_updated_at;
UPDATE training.training_scenarios SET created_at = simulator_created_at, updated_at = simulator_updated_at;
ALTER TABLE training.training_scenarios ENABLE TRIGGER training_scenarios_set_updated_at;
ALTER TABLE training.training_scenarios DROP COLUMN simulator_created_at, DROP COLUMN simulator_updated_at;
