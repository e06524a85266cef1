-- Issue 14 point 2: a dig report made by the server (PDF) has a number and the person who asked for it, as KLIC and
-- LSBUD reports do. One row per report made: who, when, where (the dig area in the working CRS), how deep, and how
-- many pipes and points it listed. The number is made from the year and the id: WJ-2026-000123 (挖掘).
CREATE TABLE dig_report (
    id            bigserial PRIMARY KEY,
    number        text NOT NULL UNIQUE,
    requested_by  text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    dig_depth_m   numeric(6, 2),
    items         integer NOT NULL,
    compounds     text[] NOT NULL DEFAULT '{}',
    area          geometry NOT NULL
);
CREATE INDEX dig_report_created ON dig_report (created_at);
