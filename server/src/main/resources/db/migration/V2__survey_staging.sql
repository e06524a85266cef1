-- Re-survey uploads land in staging tables first: one per feature table, the same columns and checks,
-- plus where each row came from. A commit moves a survey's staged rows into the feature tables.

ALTER TABLE survey
    ADD COLUMN layers        text[] NOT NULL DEFAULT '{}',
    ADD COLUMN upload_name   text,
    -- the newest valid_from of the compound's current data when the upload was staged: a commit on top of
    -- data that changed since then is refused (its diff would be stale)
    ADD COLUMN base_version  timestamptz;

CREATE TABLE staged_compound      (LIKE compound      INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
CREATE TABLE staged_building      (LIKE building      INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
CREATE TABLE staged_pipe_point    (LIKE pipe_point    INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
CREATE TABLE staged_pipe          (LIKE pipe          INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
CREATE TABLE staged_fire_lane     (LIKE fire_lane     INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
CREATE TABLE staged_obstacle      (LIKE obstacle      INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
CREATE TABLE staged_parking_stall (LIKE parking_stall INCLUDING DEFAULTS INCLUDING CONSTRAINTS);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['staged_compound', 'staged_building', 'staged_pipe_point', 'staged_pipe',
                             'staged_fire_lane', 'staged_obstacle', 'staged_parking_stall'] LOOP
        EXECUTE format('ALTER TABLE %I ADD COLUMN source_file text, ADD COLUMN record_no integer', t);
        EXECUTE format('ALTER TABLE %I ALTER COLUMN survey_id SET NOT NULL', t);
        EXECUTE format('ALTER TABLE %I ADD FOREIGN KEY (survey_id) REFERENCES survey (id) ON DELETE CASCADE', t);
        EXECUTE format('CREATE INDEX %I ON %I (survey_id)', t || '_survey', t);
        EXECUTE format('CREATE INDEX %I ON %I USING gist (geom)', t || '_geom', t);
    END LOOP;
END $$;

-- Local city grids (城市独立坐标系): tied to a CGCS2000 Gauss-Kruger system by a 2-D four-parameter
-- transform. The parameters are often confidential: entered by an administrator, kept here, never served.
CREATE TABLE local_grid (
    name            text PRIMARY KEY,
    target_srid     integer NOT NULL,
    parameters      jsonb NOT NULL,
    fit_report      jsonb,
    created_at      timestamptz NOT NULL DEFAULT now()
);
