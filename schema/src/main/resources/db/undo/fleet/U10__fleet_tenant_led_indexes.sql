-- Undoes V10: the secondary indexes lead with their own columns again, as V1, V4 and V6 made them.
DO $$
DECLARE
    t text;
    c text;
BEGIN
    FOREACH t IN ARRAY ARRAY['users', 'radio_channels', 'incidents', 'transmissions', 'tasks', 'task_checklists',
                             'crews', 'assets', 'webhooks', 'policies', 'suggested_actions', 'audit_logs'] LOOP
        FOREACH c IN ARRAY CASE WHEN t = 'audit_logs' THEN ARRAY['created_at']
                                ELSE ARRAY['created_at', 'updated_at', 'deleted_at'] END LOOP
            EXECUTE format('DROP INDEX fleet.%I', t || '_org_id_' || c || '_idx');
            EXECUTE format('CREATE INDEX %I ON fleet.%I (%I)', t || '_' || c || '_idx', t, c);
        END LOOP;
    END LOOP;
END
$$;

DROP INDEX fleet.suggested_actions_org_id_incident_id_idx;
CREATE INDEX suggested_actions_incident_id_idx ON fleet.suggested_actions (incident_id);
DROP INDEX fleet.suggested_actions_org_id_policy_id_idx;
CREATE INDEX suggested_actions_policy_id_idx ON fleet.suggested_actions (policy_id);
DROP INDEX fleet.suggested_actions_org_id_transmission_id_idx;
CREATE INDEX suggested_actions_transmission_id_idx ON fleet.suggested_actions (transmission_id);

DROP INDEX fleet.crews_org_id_leader_id_idx;
CREATE INDEX crews_leader_id_idx ON fleet.crews (leader_id);
DROP INDEX fleet.crews_org_id_incident_id_idx;
CREATE INDEX crews_incident_id_idx ON fleet.crews (incident_id);
DROP INDEX fleet.assets_org_id_crew_id_idx;
CREATE INDEX assets_crew_id_idx ON fleet.assets (crew_id);

DROP INDEX fleet.transmissions_org_id_incident_id_idx;
CREATE INDEX transmissions_incident_id_idx ON fleet.transmissions (incident_id);
DROP INDEX fleet.transmissions_org_id_channel_id_started_at_idx;
CREATE INDEX transmissions_channel_id_started_at_idx ON fleet.transmissions (channel_id, started_at);

DROP INDEX fleet.task_checklists_org_id_completed_by_idx;
CREATE INDEX task_checklists_completed_by_idx ON fleet.task_checklists (completed_by);
DROP INDEX fleet.tasks_org_id_due_at_idx;
CREATE INDEX tasks_due_at_idx ON fleet.tasks (due_at) WHERE completed_at IS NULL;
DROP INDEX fleet.tasks_org_id_incident_id_idx;
CREATE INDEX tasks_incident_id_idx ON fleet.tasks (incident_id);
DROP INDEX fleet.tasks_org_id_assignee_id_status_idx;
CREATE INDEX tasks_assignee_id_status_idx ON fleet.tasks (assignee_id, status);

DROP INDEX fleet.incidents_org_id_assigned_to_idx;
CREATE INDEX incidents_assigned_to_idx ON fleet.incidents (assigned_to);
DROP INDEX fleet.incidents_org_id_reported_by_idx;
CREATE INDEX incidents_reported_by_idx ON fleet.incidents (reported_by);
DROP INDEX fleet.incidents_org_id_incident_type_idx;
CREATE INDEX incidents_incident_type_idx ON fleet.incidents (incident_type);
