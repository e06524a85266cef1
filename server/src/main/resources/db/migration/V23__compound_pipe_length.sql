-- Issue 11 point 3: the dashboard's pipe lengths per compound, network and status, kept current as the pipes change,
-- so that the totals and the compound table on a city's register (5 000 compounds, 1 000 000 pipes) read a few
-- thousand rows instead of measuring every pipe on every request (scripts/bench dashboard, BENCHMARKS.md). Still
-- computed by PostGIS from the pipes themselves (ST_Length of the current pipes, valid_to IS NULL), never typed:
-- statement triggers on pipe add the lengths of the rows that become current and take off those of the rows that
-- stop being so (a version closed, a status changed, a row deleted). Lengths are numeric, so that a row's length
-- taken off is exactly the length it added. The dashboard reads built ('existing') and designed ('design') pipes.
CREATE TABLE compound_pipe_length (
    compound_code text         NOT NULL,
    network       network_code NOT NULL,
    status        text         NOT NULL,
    length_m      numeric      NOT NULL,
    pipes         bigint       NOT NULL,
    PRIMARY KEY (compound_code, network, status)
);

CREATE FUNCTION compound_pipe_length_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM compound_pipe_length;
    ELSIF TG_OP = 'INSERT' THEN
        INSERT INTO compound_pipe_length AS t (compound_code, network, status, length_m, pipes)
        SELECT compound_code, network, status, sum(CAST(ST_Length(geom) AS numeric)), count(*)
        FROM new_pipes WHERE valid_to IS NULL
        GROUP BY compound_code, network, status
        ON CONFLICT (compound_code, network, status)
            DO UPDATE SET length_m = t.length_m + EXCLUDED.length_m, pipes = t.pipes + EXCLUDED.pipes;
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE compound_pipe_length t SET length_m = t.length_m - d.length_m, pipes = t.pipes - d.pipes
        FROM (SELECT compound_code, network, status, sum(CAST(ST_Length(geom) AS numeric)) AS length_m,
                     count(*) AS pipes
              FROM old_pipes WHERE valid_to IS NULL
              GROUP BY compound_code, network, status) d
        WHERE t.compound_code = d.compound_code AND t.network = d.network AND t.status = d.status;
    ELSE
        INSERT INTO compound_pipe_length AS t (compound_code, network, status, length_m, pipes)
        SELECT compound_code, network, status, sum(length_m), sum(pipes)
        FROM (SELECT compound_code, network, status, CAST(ST_Length(geom) AS numeric) AS length_m, 1 AS pipes
              FROM new_pipes WHERE valid_to IS NULL
              UNION ALL
              SELECT compound_code, network, status, -CAST(ST_Length(geom) AS numeric), -1
              FROM old_pipes WHERE valid_to IS NULL) d
        GROUP BY compound_code, network, status
        ON CONFLICT (compound_code, network, status)
            DO UPDATE SET length_m = t.length_m + EXCLUDED.length_m, pipes = t.pipes + EXCLUDED.pipes;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER pipe_length_insert AFTER INSERT ON pipe REFERENCING NEW TABLE AS new_pipes
    FOR EACH STATEMENT EXECUTE FUNCTION compound_pipe_length_apply();
CREATE TRIGGER pipe_length_update AFTER UPDATE ON pipe REFERENCING OLD TABLE AS old_pipes NEW TABLE AS new_pipes
    FOR EACH STATEMENT EXECUTE FUNCTION compound_pipe_length_apply();
CREATE TRIGGER pipe_length_delete AFTER DELETE ON pipe REFERENCING OLD TABLE AS old_pipes
    FOR EACH STATEMENT EXECUTE FUNCTION compound_pipe_length_apply();
CREATE TRIGGER pipe_length_truncate AFTER TRUNCATE ON pipe
    FOR EACH STATEMENT EXECUTE FUNCTION compound_pipe_length_apply();

INSERT INTO compound_pipe_length (compound_code, network, status, length_m, pipes)
SELECT compound_code, network, status, sum(CAST(ST_Length(geom) AS numeric)), count(*)
FROM pipe WHERE valid_to IS NULL
GROUP BY compound_code, network, status;
