-- Staging tables are written in bulk (COPY) and read a survey at a time: per-row foreign-key triggers and
-- incrementally built spatial indexes cost more there than they give. Staged rows are deleted explicitly
-- on commit and discard. The staged points keep their spatial index: the end-on-point check probes it.
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['staged_compound', 'staged_building', 'staged_pipe', 'staged_fire_lane',
                             'staged_obstacle', 'staged_parking_stall'] LOOP
        EXECUTE format('DROP INDEX IF EXISTS %I', t || '_geom');
    END LOOP;
    FOREACH t IN ARRAY ARRAY['staged_compound', 'staged_building', 'staged_pipe_point', 'staged_pipe',
                             'staged_fire_lane', 'staged_obstacle', 'staged_parking_stall'] LOOP
        EXECUTE format('ALTER TABLE %I DROP CONSTRAINT IF EXISTS %I', t, t || '_survey_id_fkey');
    END LOOP;
END $$;
