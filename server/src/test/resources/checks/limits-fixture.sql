-- Small data for the check limits (ClearanceLimitsTest, CheckGateTest), in EPSG:4548 (x = easting).
-- L01: a rain chain YS1 -> YS2 -> YS3 with a water main 0.3 m on one side and a gas main 0.4 m on the other
-- (4 findings in 6 candidate pairs), three manholes, two fire lanes.
-- L02: six rain and water pipes 1 cm apart (15 candidate pairs).
INSERT INTO compound (code, name, source_id, geom) VALUES
 ('L01', '限额小区', 'L01', ST_GeomFromText('MULTIPOLYGON(((630000 3560000, 630100 3560000, 630100 3560100, 630000 3560100, 630000 3560000)))', 4548)),
 ('L02', '密集小区', 'L02', ST_GeomFromText('MULTIPOLYGON(((631000 3560000, 631100 3560000, 631100 3560100, 631000 3560100, 631000 3560000)))', 4548));

INSERT INTO pipe (compound_code, network, start_no, end_no, size_text, dn_mm, material, start_depth_m, end_depth_m,
                  depth_reference, source_id, geom) VALUES
 ('L01', 'YS', 'YS1', 'YS2', 'DN300', 300, 'HDPE', 1.5, 1.6, 'invert', 'L01-YS-1', ST_GeomFromText('LINESTRING(630010 3560050, 630040 3560050)', 4548)),
 ('L01', 'YS', 'YS2', 'YS3', 'DN300', 300, 'HDPE', 1.6, 1.7, 'invert', 'L01-YS-2', ST_GeomFromText('LINESTRING(630040 3560050, 630070 3560050)', 4548)),
 ('L01', 'JS', 'J1', 'J2', 'DN100', 100, '球墨铸铁', 0.9, 0.9, 'top', 'L01-JS-1', ST_GeomFromText('LINESTRING(630012 3560050.3, 630068 3560050.3)', 4548));
INSERT INTO pipe (compound_code, network, start_no, end_no, size_text, dn_mm, material, start_depth_m, end_depth_m,
                  depth_reference, pressure_class, source_id, geom) VALUES
 ('L01', 'RQ', 'R1', 'R2', 'DN100', 100, 'PE', 0.9, 0.9, 'top', 'low', 'L01-RQ-1', ST_GeomFromText('LINESTRING(630012 3560049.6, 630068 3560049.6)', 4548));

INSERT INTO pipe (compound_code, network, start_no, end_no, size_text, dn_mm, material, start_depth_m, end_depth_m,
                  depth_reference, source_id, geom)
SELECT 'L02', CASE WHEN i % 2 = 0 THEN 'YS' ELSE 'JS' END::network_code, 'A' || i, 'B' || i, 'DN100', 100, 'PE', 1.0, 1.0,
       CASE WHEN i % 2 = 0 THEN 'invert' ELSE 'top' END, 'L02-' || i,
       ST_GeomFromText('LINESTRING(631010 ' || (3560050 + i * 0.01) || ', 631040 ' || (3560050 + i * 0.01) || ')', 4548)
FROM generate_series(0, 5) i;

INSERT INTO pipe_point (compound_code, point_no, network, appurtenance, ground_elevation_m, well_depth_m, geom) VALUES
 ('L01', 'YS1', 'YS', '检修井', 20.0, 1.5, ST_GeomFromText('POINT(630010 3560050)', 4548)),
 ('L01', 'YS2', 'YS', '检修井', 20.0, 1.6, ST_GeomFromText('POINT(630040 3560050)', 4548)),
 ('L01', 'YS3', 'YS', '检修井', 20.0, 1.7, ST_GeomFromText('POINT(630070 3560050)', 4548));

INSERT INTO fire_lane (compound_code, name, required_width_m, carriageway_width_m, source_id, geom) VALUES
 ('L01', '北道', 4.0, 6.0, 'L01-FL-1', ST_GeomFromText('LINESTRING(630000 3560080, 630100 3560080)', 4548)),
 ('L01', '南道', 4.0, 6.0, 'L01-FL-2', ST_GeomFromText('LINESTRING(630000 3560020, 630100 3560020)', 4548));
