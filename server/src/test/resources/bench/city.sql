-- A synthetic city for the benchmarks: compounds of 200 m × 200 m on a grid (20 m apart), each with ten
-- north-south and ten east-west streets 20 m apart; along every street six networks at fixed offsets from
-- the centre line (rain 0, sewage +2.2, water −1.6, gas +3.6, power −3.0, telecom +4.8 m), cut into 20 m
-- segments between the cross streets, joined at numbered points; a manhole at the start of every rain and
-- sewage segment. Pipes of different networks cross at every street crossing: a realistic load of candidate
-- pairs for the checks. {segments} is replaced by the number of pipe segments wanted (all of the grid up to it).
-- Working CRS EPSG:4548; the grid starts at easting 520 000, northing 3 540 000 (CM 117E, about 32°N).
DROP INDEX IF EXISTS pipe_geom;
DROP INDEX IF EXISTS pipe_point_geom;
DROP INDEX IF EXISTS pipe_geom_current;
DROP INDEX IF EXISTS pipe_point_geom_current;

INSERT INTO survey (id, compound_code, title, surveyor, surveyed_on, status)
VALUES (1, NULL, 'benchmark city', 'scripts/bench', DATE '2024-01-01', 'committed');
SELECT setval('survey_id_seq', 1);

CREATE TEMP TABLE bench_network (i int, code text, offset_m float8, dn int, material text, depth float8,
                                 ref text, pressure text, burial text, owner text) ON COMMIT DROP;
INSERT INTO bench_network VALUES
  (0, 'YS', 0.0, 400, 'HDPE', 1.8, 'invert', NULL, '直埋', '市政'),
  (1, 'WS', 2.2, 300, 'HDPE', 2.4, 'invert', NULL, '直埋', '市政'),
  (2, 'JS', -1.6, 200, '球墨铸铁', 1.0, 'top', NULL, '直埋', '自来水公司'),
  (3, 'RQ', 3.6, 110, 'PE', 0.9, 'top', 'medium_b', '直埋', '燃气公司'),
  (4, 'DL', -3.0, 150, 'MPP', 0.7, 'top', NULL, '穿管', '供电公司'),
  (5, 'TX', 4.8, 100, 'PVC', 0.6, 'top', NULL, '管块', '电信');

CREATE TEMP TABLE bench_segment ON COMMIT DROP AS
SELECT 'B' || lpad(c::text, 4, '0') AS compound, n.*, o, s, k,
       520000 + (c % 29) * 220 AS cx, 3540000 + (c / 29) * 220 AS cy
FROM generate_series(0, {compounds} - 1) c, generate_series(0, 1) o, generate_series(0, 9) s,
     generate_series(0, 9) k, bench_network n
WHERE ((((c * 2 + o) * 10 + s) * 10 + k) * 6 + n.i) < {segments};

INSERT INTO pipe (compound_code, network, start_no, end_no, size_text, dn_mm, material, start_depth_m, end_depth_m,
                  depth_reference, burial_method, pressure_class, owner, survey_id, source_id, geom)
SELECT compound, code, code || o || '-' || s || '-' || k, code || o || '-' || s || '-' || (k + 1), 'DN' || dn, dn,
       material, depth + 0.02 * k, depth + 0.02 * (k + 1), ref, burial, pressure, owner, 1,
       code || o || '-' || s || '-' || k,
       CASE WHEN o = 0
            THEN ST_SetSRID(ST_MakeLine(ST_MakePoint(cx + 10 + 20 * s + offset_m, cy + 20 * k),
                                        ST_MakePoint(cx + 10 + 20 * s + offset_m, cy + 20 * k + 20)), 4548)
            ELSE ST_SetSRID(ST_MakeLine(ST_MakePoint(cx + 20 * k, cy + 10 + 20 * s + offset_m),
                                        ST_MakePoint(cx + 20 * k + 20, cy + 10 + 20 * s + offset_m)), 4548) END
FROM bench_segment;

INSERT INTO pipe_point (compound_code, point_no, network, appurtenance, ground_elevation_m, well_depth_m,
                        accuracy_class, survey_id, source_id, geom)
SELECT compound, code || o || '-' || s || '-' || k, code, '检修井', 10.0, depth + 0.02 * k + 0.1, 'hidden', 1,
       code || o || '-' || s || '-' || k,
       CASE WHEN o = 0 THEN ST_SetSRID(ST_MakePoint(cx + 10 + 20 * s + offset_m, cy + 20 * k), 4548)
            ELSE ST_SetSRID(ST_MakePoint(cx + 20 * k, cy + 10 + 20 * s + offset_m), 4548) END
FROM bench_segment WHERE code IN ('YS', 'WS');

CREATE INDEX pipe_geom ON pipe USING gist (geom);
CREATE INDEX pipe_point_geom ON pipe_point USING gist (geom);
CREATE INDEX pipe_geom_current ON pipe USING gist (geom) WHERE valid_to IS NULL;
CREATE INDEX pipe_point_geom_current ON pipe_point USING gist (geom) WHERE valid_to IS NULL;
