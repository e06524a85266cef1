-- Issue 13: the pipes of the city-scale tiles (zooms below the pipes' mergeBelowZoom in tiles/tiles.json), made
-- ahead of time. A z13 tile covers about 25 km²: made from the pipes themselves it reads some 400 000 rows, merges
-- them per network and transforms them (about a second on a 1 M-pipe city); made from this overview it reads one
-- row per compound and network whose lines are merged (ST_LineMerge), in the tiles' CRS (EPSG:3857, the CRS of
-- WebMercatorQuad) and simplified by the tolerance of the finest zoom made from it (no tile sees the difference;
-- short pipes are kept as they are). The tolerance is the server's to set (tiles/TileOverview, from tiles.json);
-- until it has, the overview is empty and the server builds it on start.
-- Kept current in the transaction that changes the pipes, by statement triggers with transition tables: only the
-- compounds a statement touched are made again (a survey commit: its compound, a few milliseconds).
CREATE TABLE pipe_overview (
    compound_code  text NOT NULL,
    network        network_code NOT NULL,
    pipes          integer NOT NULL,
    geom           geometry NOT NULL,
    PRIMARY KEY (compound_code, network)
);
CREATE INDEX pipe_overview_geom ON pipe_overview USING gist (geom);

CREATE TABLE pipe_overview_settings (
    single       boolean PRIMARY KEY DEFAULT true CHECK (single),
    tolerance_m  double precision CHECK (tolerance_m >= 0)
);
INSERT INTO pipe_overview_settings (tolerance_m) VALUES (NULL);

CREATE FUNCTION pipe_overview_refresh(codes text[]) RETURNS void LANGUAGE sql AS $$
    DELETE FROM pipe_overview WHERE compound_code = ANY (codes);
    INSERT INTO pipe_overview (compound_code, network, pipes, geom)
    SELECT p.compound_code, p.network, count(*),
           ST_Simplify(ST_Transform(ST_Multi(ST_LineMerge(ST_CollectionExtract(ST_Collect(ST_Force2D(p.geom)), 2))), 3857),
                       s.tolerance_m, true)
      FROM pipe p CROSS JOIN pipe_overview_settings s
     WHERE p.valid_to IS NULL AND p.compound_code = ANY (codes) AND s.tolerance_m IS NOT NULL
     GROUP BY p.compound_code, p.network, s.tolerance_m;
$$;

-- Insert and delete name their transition table changed_rows; an update has both (a row could move compound).
CREATE FUNCTION pipe_overview_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pipe_overview_refresh(ARRAY(SELECT DISTINCT compound_code FROM changed_rows));
    RETURN NULL;
END $$;

CREATE FUNCTION pipe_overview_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pipe_overview_refresh(ARRAY(SELECT compound_code FROM new_rows UNION SELECT compound_code FROM old_rows));
    RETURN NULL;
END $$;

CREATE TRIGGER pipe_overview_insert AFTER INSERT ON pipe REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION pipe_overview_changed();
CREATE TRIGGER pipe_overview_update AFTER UPDATE ON pipe REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION pipe_overview_updated();
CREATE TRIGGER pipe_overview_delete AFTER DELETE ON pipe REFERENCING OLD TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION pipe_overview_changed();

CREATE FUNCTION pipe_overview_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM pipe_overview;
    RETURN NULL;
END $$;
CREATE TRIGGER pipe_overview_truncate AFTER TRUNCATE ON pipe
    FOR EACH STATEMENT EXECUTE FUNCTION pipe_overview_truncated();
