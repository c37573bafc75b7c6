-- Undoes V2: the column's constraints and comment go with it.
ALTER TABLE training.training_scenarios DROP COLUMN scenario_key;
