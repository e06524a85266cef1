-- The register of pipe owners (权属单位) and whom to call before digging near their pipes (issue 14 point 2): the
-- dig report lists the owner of each of its items with these contacts, as KLIC and LSBUD do. Keyed by the owner's
-- name as the surveys write it (pipe.owner, pipe_point.owner). Written by administrators (PUT /api/owners/{name}),
-- each change audited (audit_event owner.contact_changed); the last writer is kept here too.
CREATE TABLE pipe_owner (
    name            text PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 100),
    phone           text CHECK (length(phone) <= 40),
    emergency_phone text CHECK (length(emergency_phone) <= 40),
    address         text CHECK (length(address) <= 200),
    changed_by      text NOT NULL,
    changed_at      timestamptz NOT NULL DEFAULT now()
);
