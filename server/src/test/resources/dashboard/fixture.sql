-- The dashboard's fixture in EPSG:4548: four current compounds in two districts, one superseded version, pipes of
-- known lengths (current, superseded, designed, water) and renovation items.
--   dates: D001 started 2018-04-02, completed 2018-11-30; D002 started 2019-03-01, completed 2019-10-01, accepted
--   2020-03-01; property management D001 yes, D002 no; owners' committee D001 no.
--   D001 甲小区  襄河镇 2018 completed        100 households  1000 m²  YS 40 m + WS 30 m (+ a 999 m superseded YS)
--   D002 乙小区  襄河镇 2019 accepted         200 households  2000 m²  HS 50 m (+ a 500 m designed YS, a 77 m JS)
--   D003 丙小区  六镇镇 2019 in_construction  300 households  3000 m²  YS 20 m
--   D004 =丁小区 六镇镇 2020 planned          400 households  4000 m²  no pipes
INSERT INTO compound (code, name, district, households, site_area_m2, renovation_year, renovation_status,
                      started_on, completed_on, accepted_on, property_management, owners_committee, valid_from,
                      valid_to, geom)
VALUES ('D001', '甲小区旧名', '襄河镇', 90, 900, 2018, 'in_construction', NULL, NULL, NULL, NULL, NULL,
        '2020-01-01T00:00:00Z', '2021-01-01T00:00:00Z',
        ST_GeomFromText('MULTIPOLYGON(((619000 3552000, 619100 3552000, 619100 3552100, 619000 3552100, 619000 3552000)))', 4548)),
       ('D001', '甲小区', '襄河镇', 100, 1000, 2018, 'completed', '2018-04-02', '2018-11-30', NULL, true, false,
        '2021-01-01T00:00:00Z', NULL,
        ST_GeomFromText('MULTIPOLYGON(((619000 3552000, 619100 3552000, 619100 3552100, 619000 3552100, 619000 3552000)))', 4548)),
       ('D002', '乙小区', '襄河镇', 200, 2000, 2019, 'accepted', '2019-03-01', '2019-10-01', '2020-03-01', false,
        NULL, '2021-01-01T00:00:00Z', NULL,
        ST_GeomFromText('MULTIPOLYGON(((620000 3552000, 620100 3552000, 620100 3552100, 620000 3552100, 620000 3552000)))', 4548)),
       ('D003', '丙小区', '六镇镇', 300, 3000, 2019, 'in_construction', NULL, NULL, NULL, NULL, NULL,
        '2021-01-01T00:00:00Z', NULL,
        ST_GeomFromText('MULTIPOLYGON(((621000 3552000, 621100 3552000, 621100 3552100, 621000 3552100, 621000 3552000)))', 4548)),
       ('D004', '=丁小区', '六镇镇', 400, 4000, 2020, 'planned', NULL, NULL, NULL, NULL, NULL,
        '2021-01-01T00:00:00Z', NULL, NULL);

INSERT INTO pipe (compound_code, network, depth_reference, status, valid_from, valid_to, geom)
VALUES ('D001', 'YS', 'invert', 'existing', '2021-01-01T00:00:00Z', NULL, ST_GeomFromText('LINESTRING(619010 3552010, 619050 3552010)', 4548)),
       ('D001', 'WS', 'invert', 'existing', '2021-01-01T00:00:00Z', NULL, ST_GeomFromText('LINESTRING(619010 3552020, 619010 3552050)', 4548)),
       ('D001', 'YS', 'invert', 'existing', '2020-01-01T00:00:00Z', '2021-01-01T00:00:00Z', ST_GeomFromText('LINESTRING(619000 3552000, 619999 3552000)', 4548)),
       ('D002', 'HS', 'invert', 'existing', '2021-01-01T00:00:00Z', NULL, ST_GeomFromText('LINESTRING(620010 3552010, 620040 3552010, 620040 3552030)', 4548)),
       ('D002', 'YS', 'invert', 'design', '2021-01-01T00:00:00Z', NULL, ST_GeomFromText('LINESTRING(620000 3552050, 620500 3552050)', 4548)),
       ('D002', 'JS', 'top', 'existing', '2021-01-01T00:00:00Z', NULL, ST_GeomFromText('LINESTRING(620000 3552060, 620077 3552060)', 4548)),
       ('D003', 'YS', 'invert', 'existing', '2021-01-01T00:00:00Z', NULL, ST_GeomFromText('LINESTRING(621010 3552010, 621030 3552010)', 4548));

INSERT INTO compound_item (compound_code, category, item, unit, planned_quantity, done_quantity, valid_from, valid_to)
VALUES ('D001', 'pipes', 'rain_pipe_m', 'm', 45, 40, '2021-01-01T00:00:00Z', NULL),
       ('D001', 'pipes', 'sewer_pipe_m', 'm', 35, 30, '2021-01-01T00:00:00Z', NULL),
       ('D001', 'roads_parking', 'stalls_added', 'count', 12, 10, '2021-01-01T00:00:00Z', NULL),
       ('D001', 'roads_parking', 'stalls_added', 'count', 99, 99, '2020-01-01T00:00:00Z', '2021-01-01T00:00:00Z'),
       ('D002', 'roads_parking', 'stalls_added', 'count', 20, 20, '2021-01-01T00:00:00Z', NULL),
       ('D003', 'pipes', 'rain_pipe_m', 'm', 100, NULL, '2021-01-01T00:00:00Z', NULL),
       ('D003', 'roads_parking', 'stalls_added', 'count', 5, NULL, '2021-01-01T00:00:00Z', NULL);
