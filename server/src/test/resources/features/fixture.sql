-- A small, exactly known data set in EPSG:4548 (x = easting, y = northing) for the features API tests.
-- T001 lies near 118.27E 32.09N (全椒县); T002 about 1 km east of it.
INSERT INTO survey (id, title, surveyor, surveyed_on) VALUES (901, '测试测量', '测试测绘院', '2024-03-15');

INSERT INTO compound (code, name, district, households, site_area_m2, renovation_year, renovation_status, source_id, survey_id, geom)
VALUES ('T001', '测试小区', '襄河镇', 120, 10000, 2018, 'completed', 'T001', 901,
        ST_GeomFromText('MULTIPOLYGON(((619000 3552000, 619100 3552000, 619100 3552100, 619000 3552100, 619000 3552000)))', 4548)),
       ('T002', '东边小区', '襄河镇', 80, 10000, 2019, 'in_construction', 'T002', 901,
        ST_GeomFromText('MULTIPOLYGON(((620000 3552000, 620100 3552000, 620100 3552100, 620000 3552100, 620000 3552000)))', 4548));

INSERT INTO building (compound_code, name, floors, has_elevator, structure, source_id, survey_id, geom)
VALUES ('T001', '1号楼', 6, false, '砖混', '1号楼', 901,
        ST_GeomFromText('MULTIPOLYGON(((619060 3552060, 619090 3552060, 619090 3552072, 619060 3552072, 619060 3552060)))', 4548));

INSERT INTO pipe (compound_code, network, start_no, end_no, size_text, dn_mm, material, start_depth_m, end_depth_m,
                  start_elevation_m, end_elevation_m, depth_reference, owner, status, source_id, survey_id, geom)
VALUES ('T001', 'YS', 'YS1', 'YS2', 'DN400', 400, '混凝土', 1.500, 1.650, 20.500, 20.350, 'invert', '县市政工程处', 'existing', 'YS1-YS2', 901,
        ST_GeomFromText('LINESTRING(619010 3552010, 619050 3552010)', 4548)),
       ('T001', 'WS', 'WS1', 'WS2', 'DN300', 300, 'HDPE', 1.200, 1.300, 20.800, 20.700, 'invert', '县市政工程处', 'existing', 'WS1-WS2', 901,
        ST_GeomFromText('LINESTRING(619010 3552020, 619050 3552020)', 4548)),
       ('T001', 'JS', 'JS1', 'JS2', 'DN150', 150, '球墨铸铁', 0.900, 0.900, 21.100, 21.100, 'top', '全椒县自来水公司', 'existing', 'JS1-JS2', 901,
        ST_GeomFromText('LINESTRING(619010 3552030, 619050 3552030)', 4548)),
       ('T002', 'YS', 'YS1', 'YS2', 'DN600', 600, '混凝土', 1.800, 1.900, 20.200, 20.100, 'invert', '县市政工程处', 'existing', 'YS1-YS2', 901,
        ST_GeomFromText('LINESTRING(620010 3552010, 620050 3552010)', 4548));

-- An earlier version of T001's rain pipe, replaced at the start of 2024: only datetime= shows it.
INSERT INTO pipe (compound_code, network, start_no, end_no, size_text, dn_mm, depth_reference, status, source_id, valid_from, valid_to, geom)
VALUES ('T001', 'YS', 'YS1', 'YS2', 'DN300', 300, 'invert', 'existing', 'YS1-YS2', '2020-01-01T00:00:00Z', '2024-01-01T00:00:00Z',
        ST_GeomFromText('LINESTRING(619010 3552011, 619050 3552011)', 4548));

INSERT INTO pipe_point (compound_code, point_no, network, appurtenance, ground_elevation_m, well_depth_m, cover_label, accuracy_class, source_id, survey_id, geom)
VALUES ('T001', 'YS1', 'YS', '检修井', 22.000, 1.500, '雨', 'visible', 'YS1', 901, ST_GeomFromText('POINT(619010 3552010)', 4548)),
       ('T001', 'YS2', 'YS', '检修井', 22.000, 1.650, '雨', 'visible', 'YS2', 901, ST_GeomFromText('POINT(619050 3552010)', 4548));
INSERT INTO pipe_point (compound_code, point_no, network, feature, ground_elevation_m, accuracy_class, source_id, survey_id, geom)
VALUES ('T001', 'JS1', 'JS', '三通', 22.000, 'hidden', 'JS1', 901, ST_GeomFromText('POINT(619010 3552030)', 4548));

INSERT INTO fire_lane (compound_code, name, required_width_m, carriageway_width_m, source_id, survey_id, geom)
VALUES ('T001', '主干道消防通道', 4.0, 5.5, 'FL1', 901, ST_GeomFromText('LINESTRING(619000 3552050, 619100 3552050)', 4548));

INSERT INTO parking_stall (compound_code, stall_no, kind, source_id, survey_id, geom)
VALUES ('T001', 'P1', 'standard', 'P1', 901, ST_GeomFromText('POLYGON((619020 3552040, 619022.5 3552040, 619022.5 3552045.3, 619020 3552045.3, 619020 3552040))', 4548)),
       ('T001', 'P2', 'accessible', 'P2', 901, ST_GeomFromText('POLYGON((619030 3552040, 619033.5 3552040, 619033.5 3552045.3, 619030 3552045.3, 619030 3552040))', 4548));

INSERT INTO obstacle (compound_code, kind, note, observed_on, status, source_id, survey_id, geom)
VALUES ('T001', 'vehicle', '私家车占道', '2024-03-15', 'open', 'OB1', 901, ST_GeomFromText('POINT(619040 3552050)', 4548));
