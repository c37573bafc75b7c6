-- Undoes V1: removes every object the fleet schema's first migration created.
DROP TABLE fleet.policies, fleet.webhooks, fleet.audit_logs, fleet.assets, fleet.crews,
           fleet.task_checklists, fleet.tasks, fleet.transmissions, fleet.incidents,
           fleet.radio_channels, fleet.users, fleet.organizations;
DROP FUNCTION fleet.check_crew_members(), fleet.reject_audit_change(), fleet.set_updated_at(),
              fleet.current_org_id();
DROP TYPE fleet.crew_status, fleet.asset_status, fleet.asset_type, fleet.task_status,
          fleet.incident_status, fleet.channel_source_type, fleet.operation_mode;
