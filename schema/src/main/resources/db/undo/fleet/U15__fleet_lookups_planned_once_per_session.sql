-- Undoes V15: the repositories read an entity's audit trail and the transmissions mentioning an
-- entity with their own statements again.

DROP FUNCTION fleet.transmissions_mentioning(text, text, integer, timestamptz, uuid);
DROP FUNCTION fleet.entity_audit_trail(text, uuid, integer, timestamptz, uuid);
