-- Undoes V13: the recorded verifications go with their table (an undo that would drop rows asks
-- for the audit trail's consent, like every fleet.audit_* table).
DROP TABLE fleet.audit_verifications;
