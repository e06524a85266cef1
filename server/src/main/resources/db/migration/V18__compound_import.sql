-- Staged compound list imports (issue 11 point 1): the file as sent, the parameters it was read with and the report
-- of its dry run, kept until it is committed (POST /api/compounds/imports/{id}/commit) or too old
-- (import-columns.json limits.staged_import_hours; removed when a later import is staged).
CREATE TABLE compound_import (
    id           bigserial PRIMARY KEY,
    created_at   timestamptz NOT NULL DEFAULT now(),
    format       text        NOT NULL CHECK (format IN ('csv', 'geojson')),
    encoding     text,
    crs          text,
    file         bytea       NOT NULL,
    report       jsonb       NOT NULL,
    status       text        NOT NULL DEFAULT 'staged' CHECK (status IN ('staged', 'committed')),
    committed_at timestamptz,
    CHECK ((status = 'committed') = (committed_at IS NOT NULL))
);
