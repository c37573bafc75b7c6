-- Tenant-led secondary indexes (issue #30). Every query of the application role filters by its
-- organization (row-level security adds org_id = fleet.current_org_id(); the repositories say it
-- too), but these btree indexes started with another column: a lookup by incident type, assignee,
-- incident or timestamp walked every organization's entries and left row-level security to drop
-- the others' rows, which EXPLAIN ANALYZE then counted for the tenant ("Rows Removed by Filter").
-- Led by org_id, the index itself stops at the tenant's entries, as a Citus shard would (it
-- stores each organization's rows together). Composite foreign keys (org_id, incident_id), … are
-- served by the same indexes.
--
-- Not tenant-led, and why: the GIN indexes (metadata, tags, location, roles, events, entities,
-- transcript_search) and the GiST index of available asset positions cannot lead with a uuid
-- without the btree_gin/btree_gist extensions, which the schema does not require; organizations
-- is the tenant table itself; the primary keys and unique keys already lead with org_id (V5).

-- dal:allow missing-lock-timeout dal migrate runs every migration with its --lock-timeout and retries

-- dal:allow index-without-concurrently one transaction swaps each index for its tenant-led twin; writes to the table wait while it builds (plan a quiet window on a large fleet)
DROP INDEX fleet.incidents_incident_type_idx;
-- dal:allow index-without-concurrently one transaction swaps each index for its tenant-led twin; writes to the table wait while it builds (plan a quiet window on a large fleet)
CREATE INDEX incidents_org_id_incident_type_idx ON fleet.incidents (org_id, incident_type);
-- dal:allow index-without-concurrently one transaction swaps each index for its tenant-led twin; writes to the table wait while it builds (plan a quiet window on a large fleet)
DROP INDEX fleet.incidents_reported_by_idx;
-- dal:allow index-without-concurrently one transaction swaps each index for its tenant-led twin; writes to the table wait while it builds (plan a quiet window on a large fleet)
CREATE INDEX incidents_org_id_reported_by_idx ON fleet.incidents (org_id, reported_by);
-- dal:allow index-without-concurrently one transaction swaps each index for its tenant-led twin; writes to the table wait while it builds (plan a quiet window on a large fleet)
DROP INDEX fleet.incidents_assigned_to_idx;
-- dal:allow index-without-concurrently one transaction swaps each index for its tenant-led twin; writes to the table wait while it builds (plan a quiet window on a large fleet)
CREATE INDEX incidents_org_id_assigned_to_idx ON fleet.incidents (org_id, assigned_to);

-- dal:allow index-without-concurrently one transaction swaps each index for its tenant-led twin; writes to the table wait while it builds (plan a quiet window on a large fleet)
DROP INDEX fleet.tasks_assignee_id_status_idx;
-- dal:allow index-without-concurrently one transaction swaps each index for its tenant-led twin; writes to the table wait while it builds (plan a quiet window on a large fleet)
CREATE INDEX tasks_org_id_assignee_id_status_idx ON fleet.tasks (org_id, assignee_id, status);
-- dal:allow index-without-concurrently one transaction swaps each index for its tenant-led twin; writes to the table wait while it builds (plan a quiet window on a large fleet)
DROP INDEX fleet.tasks_incident_id_idx;
-- dal:allow index-without-concurrently one transaction swaps each index for its tenant-led twin; writes to the table wait while it builds (plan a quiet window on a large fleet)
CREATE INDEX tasks_org_id_incident_id_idx ON fleet.tasks (org_id, incident_id);
-- dal:allow index-without-concurrently one transaction swaps each index for its tenant-led twin; writes to the table wait while it builds (plan a quiet window on a large fleet)
DROP INDEX fleet.tasks_due_at_idx;
-- dal:allow index-without-concurrently one transaction swaps each index for its tenant-led twin; writes to the table wait while it builds (plan a quiet window on a large fleet)
CREATE INDEX tasks_org_id_due_at_idx ON fleet.tasks (org_id, due_at) WHERE completed_at IS NULL;
-- dal:allow index-without-concurrently one transaction swaps each index for its tenant-led twin; writes to the table wait while it builds (plan a quiet window on a large fleet)
DROP INDEX fleet.task_checklists_completed_by_idx;
-- dal:allow index-without-concurrently one transaction swaps each index for its tenant-led twin; writes to the table wait while it builds (plan a quiet window on a large fleet)
CREATE INDEX task_checklists_org_id_completed_by_idx ON fleet.task_checklists (org_id, completed_by);

-- dal:allow index-without-concurrently one transaction swaps each index for its tenant-led twin; writes to the table wait while it builds (plan a quiet window on a large fleet)
DROP INDEX fleet.transmissions_channel_id_started_at_idx;
-- dal:allow index-without-concurrently one transaction swaps each index for its tenant-led twin; writes to the table wait while it builds (plan a quiet window on a large fleet)
CREATE INDEX transmissions_org_id_channel_id_started_at_idx ON fleet.transmissions (org_id, channel_id, started_at);
-- dal:allow index-without-concurrently one transaction swaps each index for its tenant-led twin; writes to the table wait while it builds (plan a quiet window on a large fleet)
DROP INDEX fleet.transmissions_incident_id_idx;
-- dal:allow index-without-concurrently one transaction swaps each index for its tenant-led twin; writes to the table wait while it builds (plan a quiet window on a large fleet)
CREATE INDEX transmissions_org_id_incident_id_idx ON fleet.transmissions (org_id, incident_id);

-- dal:allow index-without-concurrently one transaction swaps each index for its tenant-led twin; writes to the table wait while it builds (plan a quiet window on a large fleet)
DROP INDEX fleet.assets_crew_id_idx;
-- dal:allow index-without-concurrently one transaction swaps each index for its tenant-led twin; writes to the table wait while it builds (plan a quiet window on a large fleet)
CREATE INDEX assets_org_id_crew_id_idx ON fleet.assets (org_id, crew_id);
-- dal:allow index-without-concurrently one transaction swaps each index for its tenant-led twin; writes to the table wait while it builds (plan a quiet window on a large fleet)
DROP INDEX fleet.crews_incident_id_idx;
-- dal:allow index-without-concurrently one transaction swaps each index for its tenant-led twin; writes to the table wait while it builds (plan a quiet window on a large fleet)
CREATE INDEX crews_org_id_incident_id_idx ON fleet.crews (org_id, incident_id);
-- dal:allow index-without-concurrently one transaction swaps each index for its tenant-led twin; writes to the table wait while it builds (plan a quiet window on a large fleet)
DROP INDEX fleet.crews_leader_id_idx;
-- dal:allow index-without-concurrently one transaction swaps each index for its tenant-led twin; writes to the table wait while it builds (plan a quiet window on a large fleet)
CREATE INDEX crews_org_id_leader_id_idx ON fleet.crews (org_id, leader_id);

-- dal:allow index-without-concurrently one transaction swaps each index for its tenant-led twin; writes to the table wait while it builds (plan a quiet window on a large fleet)
DROP INDEX fleet.suggested_actions_transmission_id_idx;
-- dal:allow index-without-concurrently one transaction swaps each index for its tenant-led twin; writes to the table wait while it builds (plan a quiet window on a large fleet)
CREATE INDEX suggested_actions_org_id_transmission_id_idx ON fleet.suggested_actions (org_id, transmission_id);
-- dal:allow index-without-concurrently one transaction swaps each index for its tenant-led twin; writes to the table wait while it builds (plan a quiet window on a large fleet)
DROP INDEX fleet.suggested_actions_policy_id_idx;
-- dal:allow index-without-concurrently one transaction swaps each index for its tenant-led twin; writes to the table wait while it builds (plan a quiet window on a large fleet)
CREATE INDEX suggested_actions_org_id_policy_id_idx ON fleet.suggested_actions (org_id, policy_id);
-- dal:allow index-without-concurrently one transaction swaps each index for its tenant-led twin; writes to the table wait while it builds (plan a quiet window on a large fleet)
DROP INDEX fleet.suggested_actions_incident_id_idx;
-- dal:allow index-without-concurrently one transaction swaps each index for its tenant-led twin; writes to the table wait while it builds (plan a quiet window on a large fleet)
CREATE INDEX suggested_actions_org_id_incident_id_idx ON fleet.suggested_actions (org_id, incident_id);

-- The bookkeeping timestamps of every tenant table (audit_logs has only created_at).
DO $$
DECLARE
    t text;
    c text;
BEGIN
    FOREACH t IN ARRAY ARRAY['users', 'radio_channels', 'incidents', 'transmissions', 'tasks', 'task_checklists',
                             'crews', 'assets', 'webhooks', 'policies', 'suggested_actions', 'audit_logs'] LOOP
        FOREACH c IN ARRAY CASE WHEN t = 'audit_logs' THEN ARRAY['created_at']
                                ELSE ARRAY['created_at', 'updated_at', 'deleted_at'] END LOOP
            EXECUTE format('DROP INDEX fleet.%I', t || '_' || c || '_idx');
            EXECUTE format('CREATE INDEX %I ON fleet.%I (org_id, %I)', t || '_org_id_' || c || '_idx', t, c);
        END LOOP;
    END LOOP;
END
$$;
