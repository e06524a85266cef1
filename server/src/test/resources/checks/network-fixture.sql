-- Drainage networks for the network checks and tracing tests, EPSG:4548 (x = easting, y = northing), ground at
-- 22.000 m everywhere, depths and elevations to the invert.
--   N001: a clean rain and sewer network (no finding expected).
--   N002: the same kind of network with one planted defect of each kind (see the comments).
--   survey 9902: a staged upload for N001 holding a sewer lateral into a rain manhole.
INSERT INTO survey (id, title, surveyor, surveyed_on) VALUES (9901, '管网检查测试', '测试测绘院', '2024-04-01');

INSERT INTO compound (code, name, source_id, survey_id, geom) VALUES
 ('N001', '干净小区', 'N001', 9901, ST_GeomFromText('MULTIPOLYGON(((619000 3552000, 619200 3552000, 619200 3552200, 619000 3552200, 619000 3552000)))', 4548)),
 ('N002', '问题小区', 'N002', 9901, ST_GeomFromText('MULTIPOLYGON(((620000 3552000, 620200 3552000, 620200 3552200, 620000 3552200, 620000 3552000)))', 4548));

-- ---------------------------------------------------------------------------------------------- N001 clean
INSERT INTO pipe_point (compound_code, point_no, network, feature, appurtenance, ground_elevation_m, well_depth_m, cover_label, accuracy_class, source_id, survey_id, geom) VALUES
 ('N001', 'YS1', 'YS', '出水口', NULL, 22.000, NULL, NULL, 'visible', 'YS1', 9901, ST_SetSRID(ST_MakePoint(619100, 3552005), 4548)),
 ('N001', 'YS2', 'YS', NULL, '检修井', 22.000, 1.450, '雨', 'visible', 'YS2', 9901, ST_SetSRID(ST_MakePoint(619100, 3552040), 4548)),
 ('N001', 'YS3', 'YS', '三通', NULL, 22.000, NULL, NULL, 'hidden', 'YS3', 9901, ST_SetSRID(ST_MakePoint(619100, 3552075), 4548)),
 ('N001', 'YS4', 'YS', NULL, '雨水箅', 22.000, 1.100, '雨', 'visible', 'YS4', 9901, ST_SetSRID(ST_MakePoint(619060, 3552075), 4548)),
 ('N001', 'YS5', 'YS', NULL, '检修井', 22.000, 1.100, '雨', 'visible', 'YS5', 9901, ST_SetSRID(ST_MakePoint(619140, 3552075), 4548)),
 ('N001', 'WS1', 'WS', '出水口', NULL, 22.000, NULL, NULL, 'visible', 'WS1', 9901, ST_SetSRID(ST_MakePoint(619110, 3552005), 4548)),
 ('N001', 'WS2', 'WS', NULL, '检修井', 22.000, 1.200, '污', 'visible', 'WS2', 9901, ST_SetSRID(ST_MakePoint(619110, 3552040), 4548)),
 ('N001', 'WS3', 'WS', NULL, '化粪池', 22.000, 1.000, '污', 'visible', 'WS3', 9901, ST_SetSRID(ST_MakePoint(619110, 3552070), 4548)),
 -- a water valve: not drainage, the checks leave it alone and tracing refuses it
 ('N001', 'JS1', 'JS', NULL, '阀门', 22.000, NULL, NULL, 'hidden', 'JS1', 9901, ST_SetSRID(ST_MakePoint(619150, 3552150), 4548));

INSERT INTO pipe (compound_code, network, start_no, end_no, size_text, dn_mm, material, start_depth_m, end_depth_m,
                  start_elevation_m, end_elevation_m, depth_reference, flow_direction, source_id, survey_id, geom) VALUES
 ('N001', 'YS', 'YS2', 'YS1', 'DN500', 500, '钢筋混凝土', 1.450, 1.555, 20.550, 20.445, 'invert', NULL, 'YS2-YS1', 9901, ST_GeomFromText('LINESTRING(619100 3552040, 619100 3552005)', 4548)),
 ('N001', 'YS', 'YS3', 'YS2', 'DN400', 400, 'HDPE', 1.300, 1.405, 20.700, 20.595, 'invert', NULL, 'YS3-YS2', 9901, ST_GeomFromText('LINESTRING(619100 3552075, 619100 3552040)', 4548)),
 ('N001', 'YS', 'YS4', 'YS3', 'DN300', 300, 'HDPE', 1.100, 1.260, 20.900, 20.740, 'invert', NULL, 'YS4-YS3', 9901, ST_GeomFromText('LINESTRING(619060 3552075, 619100 3552075)', 4548)),
 ('N001', 'YS', 'YS5', 'YS3', 'DN300', 300, 'HDPE', 1.100, 1.260, 20.900, 20.740, 'invert', NULL, 'YS5-YS3', 9901, ST_GeomFromText('LINESTRING(619140 3552075, 619100 3552075)', 4548)),
 ('N001', 'WS', 'WS3', 'WS2', 'DN200', 200, 'HDPE', 1.000, 1.150, 21.000, 20.850, 'invert', NULL, 'WS3-WS2', 9901, ST_GeomFromText('LINESTRING(619110 3552070, 619110 3552040)', 4548)),
 -- recorded upstream (WS1 -> WS2) with its flow direction: end to start
 ('N001', 'WS', 'WS1', 'WS2', 'DN300', 300, 'HDPE', 1.340, 1.200, 20.660, 20.800, 'invert', 'reverse', 'WS1-WS2', 9901, ST_GeomFromText('LINESTRING(619110 3552005, 619110 3552040)', 4548));

-- ------------------------------------------------------------------------------------------- N002 defects
INSERT INTO pipe_point (compound_code, point_no, network, feature, appurtenance, ground_elevation_m, well_depth_m, cover_label, accuracy_class, source_id, survey_id, geom) VALUES
 ('N002', 'YS1', 'YS', '出水口', NULL, 22.000, NULL, NULL, 'visible', 'YS1', 9901, ST_SetSRID(ST_MakePoint(620100, 3552005), 4548)),
 ('N002', 'YS2', 'YS', NULL, '检修井', 22.000, 1.500, '雨', 'visible', 'YS2', 9901, ST_SetSRID(ST_MakePoint(620100, 3552040), 4548)),
 ('N002', 'YS3', 'YS', NULL, '检修井', 22.000, 1.300, '雨', 'visible', 'YS3', 9901, ST_SetSRID(ST_MakePoint(620100, 3552075), 4548)),
 ('N002', 'YS4', 'YS', NULL, '检修井', 22.000, 1.200, '雨', 'visible', 'YS4', 9901, ST_SetSRID(ST_MakePoint(620060, 3552075), 4548)),
 ('N002', 'YS5', 'YS', NULL, '检修井', 22.000, 1.200, '雨', 'visible', 'YS5', 9901, ST_SetSRID(ST_MakePoint(620140, 3552075), 4548)),
 -- cover says 污 on a rain manhole
 ('N002', 'YS6', 'YS', NULL, '检修井', 22.000, 1.240, '污', 'visible', 'YS6', 9901, ST_SetSRID(ST_MakePoint(620100, 3552110), 4548)),
 ('N002', 'YS8', 'YS', NULL, '雨水箅', 22.000, 1.000, '雨', 'visible', 'YS8', 9901, ST_SetSRID(ST_MakePoint(620130, 3552030), 4548)),
 ('N002', 'YS10', 'YS', NULL, '检修井', 22.000, 1.100, '雨', 'visible', 'YS10', 9901, ST_SetSRID(ST_MakePoint(620020, 3552150), 4548)),
 ('N002', 'YS11', 'YS', NULL, '检修井', 22.000, 1.200, '雨', 'visible', 'YS11', 9901, ST_SetSRID(ST_MakePoint(620020, 3552180), 4548)),
 ('N002', 'YS12', 'YS', NULL, '检修井', 22.000, 1.000, '雨', 'visible', 'YS12', 9901, ST_SetSRID(ST_MakePoint(620170, 3552190), 4548)),
 -- a tee joining two pipes
 ('N002', 'YS13', 'YS', '三通', NULL, 22.000, NULL, NULL, 'hidden', 'YS13', 9901, ST_SetSRID(ST_MakePoint(620170, 3552160), 4548)),
 ('N002', 'YS14', 'YS', NULL, '检修井', 22.000, 1.200, '雨', 'visible', 'YS14', 9901, ST_SetSRID(ST_MakePoint(620170, 3552130), 4548)),
 ('N002', 'YS15', 'YS', NULL, '检修井', 22.000, 1.050, '雨', 'visible', 'YS15', 9901, ST_SetSRID(ST_MakePoint(620015, 3552040), 4548)),
 ('N002', 'YS17', 'YS', NULL, '雨水箅', 22.000, 0.400, '雨', 'visible', 'YS17', 9901, ST_SetSRID(ST_MakePoint(620060, 3552110), 4548)),
 ('N002', 'YS18', 'YS', NULL, '雨水箅', 22.000, NULL, '雨', 'visible', 'YS18', 9901, ST_SetSRID(ST_MakePoint(620140, 3552110), 4548)),
 ('N002', 'YS19', 'YS', NULL, '雨水箅', 22.000, 1.000, '雨', 'visible', 'YS19', 9901, ST_SetSRID(ST_MakePoint(620060, 3552140), 4548)),
 -- a manhole no pipe reaches
 ('N002', 'YS21', 'YS', NULL, '检修井', 22.000, 1.000, '雨', 'visible', 'YS21', 9901, ST_SetSRID(ST_MakePoint(620190, 3552190), 4548)),
 ('N002', 'WS1', 'WS', '出水口', NULL, 22.000, NULL, NULL, 'visible', 'WS1', 9901, ST_SetSRID(ST_MakePoint(620110, 3552005), 4548)),
 ('N002', 'WS2', 'WS', NULL, '检修井', 22.000, 1.200, '污', 'visible', 'WS2', 9901, ST_SetSRID(ST_MakePoint(620110, 3552030), 4548)),
 ('N002', 'WS3', 'WS', NULL, '检修井', 22.000, 1.300, '污', 'visible', 'WS3', 9901, ST_SetSRID(ST_MakePoint(620110, 3552065), 4548)),
 ('N002', 'WS4', 'WS', NULL, '检修井', 22.000, 1.100, '污', 'visible', 'WS4', 9901, ST_SetSRID(ST_MakePoint(620110, 3552100), 4548)),
 ('N002', 'WS9', 'WS', NULL, '化粪池', 22.000, 1.000, '污', 'visible', 'WS9', 9901, ST_SetSRID(ST_MakePoint(620150, 3552040), 4548));

INSERT INTO pipe (compound_code, network, start_no, end_no, size_text, dn_mm, material, start_depth_m, end_depth_m,
                  start_elevation_m, end_elevation_m, depth_reference, flow_direction, source_id, survey_id, geom) VALUES
 -- a DN600 followed by a DN300 (3 sizes smaller)
 ('N002', 'YS', 'YS2', 'YS1', 'DN300', 300, '钢筋混凝土', 1.500, 1.700, 20.500, 20.300, 'invert', NULL, 'YS2-YS1', 9901, ST_GeomFromText('LINESTRING(620100 3552040, 620100 3552005)', 4548)),
 ('N002', 'YS', 'YS3', 'YS2', 'DN600', 600, '钢筋混凝土', 1.300, 1.400, 20.700, 20.600, 'invert', NULL, 'YS3-YS2', 9901, ST_GeomFromText('LINESTRING(620100 3552075, 620100 3552040)', 4548)),
 -- reversed: the end (downstream) invert is 0.1 m above the start
 ('N002', 'YS', 'YS4', 'YS3', 'DN300', 300, 'HDPE', 1.200, 1.100, 20.800, 20.900, 'invert', NULL, 'YS4-YS3', 9901, ST_GeomFromText('LINESTRING(620060 3552075, 620100 3552075)', 4548)),
 -- flat
 ('N002', 'YS', 'YS5', 'YS3', 'DN300', 300, 'HDPE', 1.200, 1.200, 20.800, 20.800, 'invert', NULL, 'YS5-YS3', 9901, ST_GeomFromText('LINESTRING(620140 3552075, 620100 3552075)', 4548)),
 -- slope 0.00086, under 0.003 for a concrete DN300
 ('N002', 'YS', 'YS6', 'YS3', 'DN300', 300, '钢筋混凝土', 1.240, 1.270, 20.760, 20.730, 'invert', NULL, 'YS6-YS3', 9901, ST_GeomFromText('LINESTRING(620100 3552110, 620100 3552075)', 4548)),
 -- the same pipe again, drawn the other way round
 ('N002', 'YS', 'YS3', 'YS6', 'DN300', 300, '钢筋混凝土', 1.270, 1.240, 20.730, 20.760, 'invert', NULL, 'YS3-YS6', 9901, ST_GeomFromText('LINESTRING(620100 3552075, 620100 3552110)', 4548)),
 -- 85 m between manholes
 ('N002', 'YS', 'YS15', 'YS2', 'DN300', 300, 'HDPE', 1.050, 1.300, 20.950, 20.700, 'invert', NULL, 'YS15-YS2', 9901, ST_GeomFromText('LINESTRING(620015 3552040, 620100 3552040)', 4548)),
 -- and surveyed twice
 ('N002', 'YS', 'YS15', 'YS2', 'DN300', 300, 'HDPE', 1.050, 1.300, 20.950, 20.700, 'invert', NULL, 'YS15-YS2', 9901, ST_GeomFromText('LINESTRING(620015 3552040, 620100 3552040)', 4548)),
 -- a sewer lateral from a septic tank into the rain manhole YS2
 ('N002', 'WS', 'WS9', 'YS2', 'DN200', 200, 'HDPE', 1.000, 1.300, 21.000, 20.700, 'invert', NULL, 'WS9-YS2', 9901, ST_GeomFromText('LINESTRING(620150 3552040, 620100 3552040)', 4548)),
 -- a rain grate into the sewer manhole WS2
 ('N002', 'YS', 'YS8', 'WS2', 'DN300', 300, 'HDPE', 1.000, 1.050, 21.000, 20.950, 'invert', NULL, 'YS8-WS2', 9901, ST_GeomFromText('LINESTRING(620130 3552030, 620110 3552030)', 4548)),
 -- recorded upstream with its flow direction (no finding) ...
 ('N002', 'WS', 'WS1', 'WS2', 'DN300', 300, 'HDPE', 1.340, 1.200, 20.660, 20.800, 'invert', 'reverse', 'WS1-WS2', 9901, ST_GeomFromText('LINESTRING(620110 3552005, 620110 3552030)', 4548)),
 -- ... and one whose inverts rise along its recorded flow direction
 ('N002', 'WS', 'WS3', 'WS2', 'DN300', 300, 'HDPE', 1.300, 1.150, 20.700, 20.850, 'invert', 'forward', 'WS3-WS2', 9901, ST_GeomFromText('LINESTRING(620110 3552065, 620110 3552030)', 4548)),
 -- a DN400 into WS3, which leaves as DN300 without falling more steeply
 ('N002', 'WS', 'WS4', 'WS3', 'DN400', 400, 'HDPE', 1.100, 1.240, 20.900, 20.760, 'invert', NULL, 'WS4-WS3', 9901, ST_GeomFromText('LINESTRING(620110 3552100, 620110 3552065)', 4548)),
 -- an isolated pipe
 ('N002', 'YS', 'YS10', 'YS11', 'DN300', 300, 'HDPE', 1.100, 1.200, 20.900, 20.800, 'invert', NULL, 'YS10-YS11', 9901, ST_GeomFromText('LINESTRING(620020 3552150, 620020 3552180)', 4548)),
 -- two pipes that end in a manhole with no way on
 ('N002', 'YS', 'YS12', 'YS13', 'DN300', 300, 'HDPE', 1.000, 1.100, 21.000, 20.900, 'invert', NULL, 'YS12-YS13', 9901, ST_GeomFromText('LINESTRING(620170 3552190, 620170 3552160)', 4548)),
 ('N002', 'YS', 'YS13', 'YS14', 'DN300', 300, 'HDPE', 1.100, 1.200, 20.900, 20.800, 'invert', NULL, 'YS13-YS14', 9901, ST_GeomFromText('LINESTRING(620170 3552160, 620170 3552130)', 4548)),
 -- 0.40 m deep to the invert of a DN300: 0.10 m of cover
 ('N002', 'YS', 'YS17', 'YS6', 'DN300', 300, 'HDPE', 0.400, 0.500, 21.600, 21.500, 'invert', NULL, 'YS17-YS6', 9901, ST_GeomFromText('LINESTRING(620060 3552110, 620100 3552110)', 4548)),
 -- no depth data at all
 ('N002', 'YS', 'YS18', 'YS6', 'DN300', 300, 'HDPE', NULL, NULL, NULL, NULL, 'invert', NULL, 'YS18-YS6', 9901, ST_GeomFromText('LINESTRING(620140 3552110, 620100 3552110)', 4548)),
 -- its end is 0.5 m short of YS17
 ('N002', 'YS', 'YS19', 'YS17', 'DN300', 300, 'HDPE', 1.000, 1.080, 21.000, 20.920, 'invert', NULL, 'YS19-YS17', 9901, ST_GeomFromText('LINESTRING(620060 3552140, 620060 3552110.5)', 4548)),
 -- its start names a point that is not in the point table
 ('N002', 'YS', 'YS99', 'YS5', 'DN300', 300, 'HDPE', 1.000, 1.100, 21.000, 20.900, 'invert', NULL, 'YS99-YS5', 9901, ST_GeomFromText('LINESTRING(620170 3552075, 620140 3552075)', 4548)),
 -- starts and ends at the same point
 ('N002', 'YS', 'YS5', 'YS5', 'DN300', 300, 'HDPE', 1.200, 1.200, 20.800, 20.800, 'invert', NULL, 'YS5-YS5', 9901, ST_GeomFromText('LINESTRING(620140 3552075, 620140 3552075.01)', 4548));

-- ------------------------------------------------------------------------------ staged upload for N001
INSERT INTO survey (id, compound_code, title, surveyor, surveyed_on, status, layers) VALUES
 (9902, 'N001', '复测 2024', '测试测绘院', '2024-05-01', 'staged', '{pipes,pipe-points}');
INSERT INTO staged_pipe_point (compound_code, point_no, network, feature, appurtenance, ground_elevation_m, well_depth_m, cover_label, accuracy_class, source_id, survey_id, source_file, record_no, geom) VALUES
 ('N001', 'YS1', 'YS', '出水口', NULL, 22.000, NULL, NULL, 'visible', 'YS1', 9902, '雨水管点.shp', 1, ST_SetSRID(ST_MakePoint(619100, 3552005), 4548)),
 ('N001', 'YS2', 'YS', NULL, '检修井', 22.000, 1.450, '雨', 'visible', 'YS2', 9902, '雨水管点.shp', 2, ST_SetSRID(ST_MakePoint(619100, 3552040), 4548)),
 ('N001', 'WS7', 'WS', NULL, '化粪池', 22.000, 1.000, '污', 'visible', 'WS7', 9902, '污水管点.shp', 1, ST_SetSRID(ST_MakePoint(619150, 3552040), 4548));
INSERT INTO staged_pipe (compound_code, network, start_no, end_no, size_text, dn_mm, material, start_depth_m, end_depth_m,
                         start_elevation_m, end_elevation_m, depth_reference, source_id, survey_id, source_file, record_no, geom) VALUES
 ('N001', 'YS', 'YS2', 'YS1', 'DN500', 500, '钢筋混凝土', 1.450, 1.555, 20.550, 20.445, 'invert', 'YS2-YS1', 9902, '雨水管线.shp', 1, ST_GeomFromText('LINESTRING(619100 3552040, 619100 3552005)', 4548)),
 ('N001', 'WS', 'WS7', 'YS2', 'DN200', 200, 'HDPE', 1.000, 1.300, 21.000, 20.700, 'invert', 'WS7-YS2', 9902, '污水管线.shp', 4, ST_GeomFromText('LINESTRING(619150 3552040, 619100 3552040)', 4548));

-- a committed survey (not staged): checking it by survey= is a conflict
INSERT INTO survey (id, compound_code, title, status) VALUES (9903, 'N001', '已提交', 'committed');
