-- Issue 13: zoom 15 is made from pipe_overview too. The web map draws pipes at z15 by network (colour), size
-- (width) and status (an abandoned pipe is paler), so the overview keeps one row per compound, network, dn_mm and
-- status (nulls alike: NULLS NOT DISTINCT), and a z15 tile reads a few hundred merged rows instead of writing some
-- 36 000 segments one by one. The tolerance is reset, so that the server makes the overview again on start with
-- the tolerance of the new finest merged zoom (tiles/TileOverview).
ALTER TABLE pipe_overview DROP CONSTRAINT pipe_overview_pkey;
ALTER TABLE pipe_overview ADD COLUMN dn_mm integer, ADD COLUMN status text;
ALTER TABLE pipe_overview ADD CONSTRAINT pipe_overview_groups UNIQUE NULLS NOT DISTINCT (compound_code, network, dn_mm, status);
CREATE INDEX pipe_overview_compound ON pipe_overview (compound_code);

CREATE OR REPLACE FUNCTION pipe_overview_refresh(codes text[]) RETURNS void LANGUAGE sql AS $$
    DELETE FROM pipe_overview WHERE compound_code = ANY (codes);
    INSERT INTO pipe_overview (compound_code, network, dn_mm, status, pipes, geom)
    SELECT p.compound_code, p.network, p.dn_mm, p.status, count(*),
           ST_Simplify(ST_Transform(ST_Multi(ST_LineMerge(ST_CollectionExtract(ST_Collect(ST_Force2D(p.geom)), 2))), 3857),
                       s.tolerance_m, true)
      FROM pipe p CROSS JOIN pipe_overview_settings s
     WHERE p.valid_to IS NULL AND p.compound_code = ANY (codes) AND s.tolerance_m IS NOT NULL
     GROUP BY p.compound_code, p.network, p.dn_mm, p.status, s.tolerance_m;
$$;

DELETE FROM pipe_overview;
UPDATE pipe_overview_settings SET tolerance_m = NULL;
