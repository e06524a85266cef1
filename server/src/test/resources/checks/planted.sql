-- Planted cases for the pipeline checks (issue 5), compound T01 in EPSG:4548 (x = easting, y = northing).
-- Each case sits 100 m east of the last, beyond any rule distance of the others. Expected outcomes are the
-- integration tests' (ClearanceApiTest, DigApiTest); the numbers follow pipe-dimensions.json and
-- survey-uncertainty.json.
INSERT INTO survey (id, compound_code, title, surveyor, surveyed_on, status)
VALUES (9001, 'T01', '试验小区管线普查', '测试测绘院', DATE '2023-09-15', 'committed');
INSERT INTO survey (id, compound_code, title, surveyor, surveyed_on, status, layers)
VALUES (9002, 'T01', '试验小区给水复测（未提交）', '测试测绘院', DATE '2024-06-01', 'staged', '{pipes}');
INSERT INTO survey (id, compound_code, title, status) VALUES (9003, 'T02', 'committed elsewhere', 'committed');
SELECT setval('survey_id_seq', 10000);

INSERT INTO compound (code, name, survey_id, geom) VALUES
  ('T01', '试验小区', 9001, ST_Multi(ST_MakeEnvelope(599950, 3549950, 600650, 3550100, 4548)));

-- A. Too close in plan: rain DN400 (invert 2.0) and a medium-B gas main DN110 (top 1.0), centres 0.8 m apart:
--    outer walls 0.8 − 0.232 − 0.064 = 0.504 m apart where GB 50289 4.1.9 asks 1.2 m → needs approval.
--    The rain pipe continues north (A-YS-2, same network, joined at A-YS2): connected, not a conflict.
INSERT INTO pipe (compound_code, network, start_no, end_no, size_text, dn_mm, material, start_depth_m, end_depth_m,
                  depth_reference, burial_method, pressure_class, owner, survey_id, source_id, geom) VALUES
  ('T01', 'YS', 'A-YS1', 'A-YS2', 'DN400', 400, 'HDPE', 2.0, 2.0, 'invert', '直埋', NULL, '县住建局', 9001, 'A-YS-1',
   ST_GeomFromText('LINESTRING(600000 3550000, 600000 3550040)', 4548)),
  ('T01', 'YS', 'A-YS2', 'A-YS3', 'DN400', 400, 'HDPE', 2.0, 2.1, 'invert', '直埋', NULL, '县住建局', 9001, 'A-YS-2',
   ST_GeomFromText('LINESTRING(600000 3550040, 600000 3550080)', 4548)),
  ('T01', 'RQ', 'A-RQ1', 'A-RQ2', 'DN110', 110, 'PE', 1.0, 1.0, 'top', '直埋', 'medium_b', '港华燃气', 9001, 'A-RQ-1',
   ST_GeomFromText('LINESTRING(600000.8 3550000, 600000.8 3550040)', 4548));

-- B. Crossing with overlap: rain DN600 concrete (invert 1.5: outer top 0.84, bottom 1.56) under a water
--    main DN200 (top 1.1, bottom 1.313): the walls overlap → violation (V-01, drainage–water 0.40 m).
INSERT INTO pipe (compound_code, network, start_no, end_no, size_text, dn_mm, material, start_depth_m, end_depth_m,
                  depth_reference, burial_method, owner, survey_id, source_id, geom) VALUES
  ('T01', 'YS', 'B-YS1', 'B-YS2', 'DN600', 600, '钢筋混凝土', 1.5, 1.5, 'invert', '直埋', '县住建局', 9001, 'B-YS-1',
   ST_GeomFromText('LINESTRING(600100 3550000, 600100 3550040)', 4548)),
  ('T01', 'JS', 'B-JS1', 'B-JS2', 'DN200', 200, '球墨铸铁', 1.1, 1.1, 'top', '直埋', '县自来水公司', 9001, 'B-JS-1',
   ST_GeomFromText('LINESTRING(600080 3550020, 600120 3550020)', 4548));

-- C. Compliant beside: rain DN400 with water DN150 3.0 m east and telecom duct 2.5 m west.
INSERT INTO pipe (compound_code, network, start_no, end_no, size_text, dn_mm, material, start_depth_m, end_depth_m,
                  depth_reference, burial_method, owner, survey_id, source_id, geom) VALUES
  ('T01', 'YS', 'C-YS1', 'C-YS2', 'DN400', 400, 'HDPE', 2.0, 2.0, 'invert', '直埋', '县住建局', 9001, 'C-YS-1',
   ST_GeomFromText('LINESTRING(600200 3550000, 600200 3550040)', 4548)),
  ('T01', 'JS', 'C-JS1', 'C-JS2', 'DN150', 150, 'PE', 1.0, 1.0, 'top', '直埋', '县自来水公司', 9001, 'C-JS-1',
   ST_GeomFromText('LINESTRING(600203 3550000, 600203 3550040)', 4548)),
  ('T01', 'TX', 'C-TX1', 'C-TX2', 'DN100', 100, 'PVC', 0.8, 0.8, 'top', '管块', '中国电信', 9001, 'C-TX-1',
   ST_GeomFromText('LINESTRING(600197.5 3550000, 600197.5 3550040)', 4548));

-- D. Compliant crossing: sewer DN300 (invert 2.5: outer top 2.176) under water DN100 (top 0.8, bottom 0.916):
--    1.26 m apart where 0.40 m is asked.
INSERT INTO pipe (compound_code, network, start_no, end_no, size_text, dn_mm, material, start_depth_m, end_depth_m,
                  depth_reference, burial_method, owner, survey_id, source_id, geom) VALUES
  ('T01', 'WS', 'D-WS1', 'D-WS2', 'DN300', 300, 'HDPE', 2.5, 2.5, 'invert', '直埋', '县住建局', 9001, 'D-WS-1',
   ST_GeomFromText('LINESTRING(600300 3550000, 600300 3550040)', 4548)),
  ('T01', 'JS', 'D-JS1', 'D-JS2', 'DN100', 100, 'PE', 0.8, 0.8, 'top', '直埋', '县自来水公司', 9001, 'D-JS-1',
   ST_GeomFromText('LINESTRING(600280 3550020, 600320 3550020)', 4548));

-- E. A dig pit across six networks, 3 m apart (compliant in plan), x = 600400 … 600415, y = 3550000 … 3550040;
--    the rain pipe in two lengths joined at manhole E-YS2 (y = 3550020, well 2.4 m deep, a visible point).
--    Two "other" pipes west of the pit: 0.1 m outside its edge (within uncertainty: found) and 1.0 m (not).
INSERT INTO pipe (compound_code, network, start_no, end_no, size_text, dn_mm, material, start_depth_m, end_depth_m,
                  depth_reference, burial_method, pressure_class, owner, survey_id, source_id, geom) VALUES
  ('T01', 'YS', 'E-YS1', 'E-YS2', 'DN400', 400, 'HDPE', 2.2, 2.2, 'invert', '直埋', NULL, '县住建局', 9001, 'E-YS-1',
   ST_GeomFromText('LINESTRING(600400 3550000, 600400 3550020)', 4548)),
  ('T01', 'YS', 'E-YS2', 'E-YS3', 'DN400', 400, 'HDPE', 2.2, 2.2, 'invert', '直埋', NULL, '县住建局', 9001, 'E-YS-2',
   ST_GeomFromText('LINESTRING(600400 3550020, 600400 3550040)', 4548)),
  ('T01', 'WS', 'E-WS1', 'E-WS2', 'DN300', 300, 'HDPE', 1.8, 1.8, 'invert', '直埋', NULL, '县住建局', 9001, 'E-WS-1',
   ST_GeomFromText('LINESTRING(600403 3550000, 600403 3550040)', 4548)),
  ('T01', 'JS', 'E-JS1', 'E-JS2', 'DN150', 150, '球墨铸铁', 1.0, 1.0, 'top', '直埋', NULL, '县自来水公司', 9001, 'E-JS-1',
   ST_GeomFromText('LINESTRING(600406 3550000, 600406 3550040)', 4548)),
  ('T01', 'RQ', 'E-RQ1', 'E-RQ2', 'DN110', 110, 'PE', 0.9, 0.9, 'top', '直埋', 'low', '港华燃气', 9001, 'E-RQ-1',
   ST_GeomFromText('LINESTRING(600409 3550000, 600409 3550040)', 4548)),
  ('T01', 'DL', 'E-DL1', 'E-DL2', 'DN100', 100, 'MPP', 0.7, 0.7, 'top', '穿管', NULL, '供电公司', 9001, 'E-DL-1',
   ST_GeomFromText('LINESTRING(600412 3550000, 600412 3550040)', 4548)),
  ('T01', 'TX', 'E-TX1', 'E-TX2', 'DN100', 100, 'PVC', 0.6, 0.6, 'top', '管块', NULL, '中国电信', 9001, 'E-TX-1',
   ST_GeomFromText('LINESTRING(600415 3550000, 600415 3550040)', 4548)),
  ('T01', 'QT', 'E-QT1', 'E-QT2', 'DN100', 100, 'PE', 1.0, 1.0, 'top', '直埋', NULL, '不明', 9001, 'E-QT-near',
   ST_GeomFromText('LINESTRING(600398.9 3550000, 600398.9 3550040)', 4548)),
  ('T01', 'QT', 'E-QT3', 'E-QT4', 'DN100', 100, 'PE', 1.0, 1.0, 'top', '直埋', NULL, '不明', 9001, 'E-QT-far',
   ST_GeomFromText('LINESTRING(600398.0 3550000, 600398.0 3550040)', 4548));

INSERT INTO pipe_point (compound_code, point_no, network, feature, appurtenance, ground_elevation_m, well_depth_m,
                        accuracy_class, survey_id, source_id, geom) VALUES
  ('T01', 'E-YS2', 'YS', NULL, '检修井', 12.5, 2.4, 'visible', 9001, 'E-YS2', ST_SetSRID(ST_MakePoint(600400, 3550020), 4548)),
  ('T01', 'E-YS1', 'YS', NULL, '检修井', 12.5, 2.4, 'visible', 9001, 'E-YS1', ST_SetSRID(ST_MakePoint(600400, 3550000), 4548)),
  ('T01', 'E-JS1', 'JS', '直通', NULL, 12.5, NULL, 'hidden', 9001, 'E-JS1', ST_SetSRID(ST_MakePoint(600406, 3550000), 4548)),
  ('T01', 'A-YS1', 'YS', NULL, '检修井', 12.5, 2.2, 'visible', 9001, 'A-YS1', ST_SetSRID(ST_MakePoint(600000, 3550000), 4548)),
  ('T01', 'A-YS2', 'YS', NULL, '检修井', 12.5, 2.2, 'visible', 9001, 'A-YS2', ST_SetSRID(ST_MakePoint(600000, 3550040), 4548));

-- F. An existing medium-A gas main DN160 for the design check: a designed DN400 rain pipe is sent 0.3 m from it.
INSERT INTO pipe (compound_code, network, start_no, end_no, size_text, dn_mm, material, start_depth_m, end_depth_m,
                  depth_reference, burial_method, pressure_class, owner, survey_id, source_id, geom) VALUES
  ('T01', 'RQ', 'F-RQ1', 'F-RQ2', 'DN160', 160, 'PE', 1.0, 1.0, 'top', '直埋', 'medium_a', '港华燃气', 9001, 'F-RQ-1',
   ST_GeomFromText('LINESTRING(600500 3550000, 600500 3550040)', 4548));

-- The staged re-survey 9002 delivers water: a DN200 water pipe crossing case A at y = 3550010, top 1.2 m
-- (bottom 1.413): 0.155 m above the rain pipe's outer top (1.568) where 0.40 m is asked (V-01, unconfirmed),
-- and 0.072 m below the gas main's outer bottom (1.128) where 0.15 m is asked (V-04, unconfirmed).
-- Its commit would replace T01's water pipes, so they are not checked against it.
INSERT INTO staged_pipe (compound_code, network, start_no, end_no, size_text, dn_mm, material, start_depth_m,
                         end_depth_m, depth_reference, burial_method, owner, survey_id, source_id, source_file,
                         record_no, geom) VALUES
  ('T01', 'JS', 'S-JS1', 'S-JS2', 'DN200', 200, '球墨铸铁', 1.2, 1.2, 'top', '直埋', '县自来水公司', 9002, 'S-JS-1',
   'JS_LINE.shp', 1, ST_GeomFromText('LINESTRING(599990 3550010, 600010 3550010)', 4548));
