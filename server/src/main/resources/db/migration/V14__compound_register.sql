-- Issue 11 point 2: the register's fields (全市老旧小区基础数据信息库) on the versioned compound table, so every change
-- is a new version and the history is kept. The code tables (statuses, renovation categories, item categories, items,
-- units, with their zh-CN/en labels) live in compounds/register.json; the checks below are the safety net for the
-- two closed lists (status workflow and renovation category).
--
-- Existing columns are the register's own, not duplicated: district (区县), built_year, households, site_area_m2,
-- renovation_year (the batch year 改造批次) and renovation_status (the status, now the six-step workflow).

-- A compound may be registered before its boundary is surveyed (the boundary comes with the first survey).
ALTER TABLE compound ALTER COLUMN geom DROP NOT NULL;

-- renovation_status: planned -> designed -> tendered -> in_construction -> completed -> accepted.
-- The old 'in_progress' (under construction) becomes 'in_construction'. The check was copied to staged_compound
-- by LIKE ... INCLUDING CONSTRAINTS (V2): both are replaced.
DO $$
DECLARE r record;
BEGIN
    FOR r IN SELECT conrelid::regclass AS tbl, conname FROM pg_constraint
             WHERE conrelid IN ('compound'::regclass, 'staged_compound'::regclass) AND contype = 'c'
               AND pg_get_constraintdef(oid) LIKE '%renovation_status%' LOOP
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.tbl, r.conname);
    END LOOP;
END $$;
UPDATE compound SET renovation_status = 'in_construction' WHERE renovation_status = 'in_progress';
UPDATE staged_compound SET renovation_status = 'in_construction' WHERE renovation_status = 'in_progress';
ALTER TABLE compound ADD CONSTRAINT compound_renovation_status_check CHECK (renovation_status IN
    ('planned', 'designed', 'tendered', 'in_construction', 'completed', 'accepted'));
ALTER TABLE staged_compound ADD CONSTRAINT staged_compound_renovation_status_check CHECK (renovation_status IN
    ('planned', 'designed', 'tendered', 'in_construction', 'completed', 'accepted'));

-- The staging table of a survey's boundary layer keeps the same columns (V2: staged_<table> is LIKE <table>; the
-- survey commit and diff read every column of compound from staged_compound).
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['compound', 'staged_compound'] LOOP
        EXECUTE format($columns$ALTER TABLE %I
    ADD COLUMN street                      text,          -- 街道
    ADD COLUMN community                   text,          -- 社区
    ADD COLUMN address                     text,
    ADD COLUMN building_count              integer CHECK (building_count >= 0),
    ADD COLUMN storeys                     integer CHECK (storeys > 0),      -- the highest building's storeys
    ADD COLUMN residents                   integer CHECK (residents >= 0),
    ADD COLUMN floor_area_m2               numeric(12, 1) CHECK (floor_area_m2 > 0),
    -- 基础类 basic / 完善类 improvement / 提升类 upgrade
    ADD COLUMN renovation_category         text CHECK (renovation_category IN ('basic', 'improvement', 'upgrade')),
    ADD COLUMN planned_on                  date,
    ADD COLUMN started_on                  date,
    ADD COLUMN completed_on                date,
    ADD COLUMN accepted_on                 date,
    -- funding in 万元 (10 000 yuan), as housing bureaus report it
    ADD COLUMN funding_central_10k_yuan    numeric(14, 2) CHECK (funding_central_10k_yuan >= 0),
    ADD COLUMN funding_provincial_10k_yuan numeric(14, 2) CHECK (funding_provincial_10k_yuan >= 0),
    ADD COLUMN funding_local_10k_yuan      numeric(14, 2) CHECK (funding_local_10k_yuan >= 0),
    ADD COLUMN funding_resident_10k_yuan   numeric(14, 2) CHECK (funding_resident_10k_yuan >= 0),
    ADD COLUMN property_management         boolean,       -- 物业管理
    ADD COLUMN owners_committee            boolean,       -- 业主委员会
    -- Who wrote this version and through what (issue 12 adds accounts: changed_by stays empty until then).
    ADD COLUMN changed_by                  text,
    ADD COLUMN changed_via                 text CHECK (changed_via IN ('api', 'survey', 'import', 'demo')),
    ADD COLUMN change_reason               text$columns$, t);
    END LOOP;
END $$;

-- Renovation items planned and done, per compound code (not per compound version: a re-survey that writes a new
-- compound version leaves the items alone). Versioned like every feature table: a row is current while
-- valid_to IS NULL; an edit closes the row and adds the next one, so the history is kept.
CREATE TABLE compound_item (
    id                bigserial PRIMARY KEY,
    compound_code     text NOT NULL,
    category          text NOT NULL,
    item              text NOT NULL,
    unit              text NOT NULL,
    planned_quantity  numeric(14, 2) CHECK (planned_quantity >= 0),
    done_quantity     numeric(14, 2) CHECK (done_quantity >= 0),
    note              text,
    source            text,
    changed_by        text,
    changed_via       text CHECK (changed_via IN ('api', 'survey', 'import', 'demo')),
    valid_from        timestamptz NOT NULL DEFAULT now(),
    valid_to          timestamptz,
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE UNIQUE INDEX compound_item_current ON compound_item (compound_code, item) WHERE valid_to IS NULL;
CREATE INDEX compound_item_code ON compound_item (compound_code, valid_from);
