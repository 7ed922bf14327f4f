-- A channel's resource-based policy (PutResourcePolicy): who in other accounts may call PutAuditEvents on it.
ALTER TABLE channels ADD COLUMN resource_policy text;
