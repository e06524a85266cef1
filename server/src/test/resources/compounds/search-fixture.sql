-- Compounds for the search tests, EPSG:4548, near 118.27E 32.09N. The pinyin columns are left empty on purpose:
-- the search must compute them itself, whichever writer inserted the rows.
INSERT INTO compound (code, name, district, households, site_area_m2, built_year, renovation_year, geom)
VALUES ('C001', '南岳新村', '襄河镇', 1000, 73456, 1990, 2016,
        ST_GeomFromText('MULTIPOLYGON(((619000 3552000, 619100 3552000, 619100 3552100, 619000 3552100, 619000 3552000)))', 4548)),
       ('C002', '王曹一期', '襄河镇', 750, 52000, NULL, 2016,
        ST_GeomFromText('MULTIPOLYGON(((619200 3552000, 619300 3552000, 619300 3552100, 619200 3552100, 619200 3552000)))', 4548)),
       ('C004', '南岳山庄', '襄河镇', 1000, 64575, NULL, 2017,
        ST_GeomFromText('MULTIPOLYGON(((619400 3552000, 619500 3552000, 619500 3552100, 619400 3552100, 619400 3552000)))', 4548)),
       ('C010', '城东南岳苑', '六镇镇', 300, 20000, NULL, 2018,
        ST_GeomFromText('MULTIPOLYGON(((619600 3552000, 619700 3552000, 619700 3552100, 619600 3552100, 619600 3552000)))', 4548)),
       ('P001', '百分_花园', '六镇镇', 10, 1000, NULL, NULL,
        ST_GeomFromText('MULTIPOLYGON(((619800 3552000, 619900 3552000, 619900 3552100, 619800 3552100, 619800 3552000)))', 4548));

-- C003: an old name closed in 2020 and the current version; X001: a compound that no longer has a current version.
INSERT INTO compound (code, name, district, households, valid_from, valid_to, geom)
VALUES ('C003', '南岳旧名', '襄河镇', 700, '2010-01-01T00:00:00Z', '2020-01-01T00:00:00Z',
        ST_GeomFromText('MULTIPOLYGON(((620000 3552000, 620100 3552000, 620100 3552100, 620000 3552100, 620000 3552000)))', 4548)),
       ('X001', '南岳老村', '襄河镇', 50, '2010-01-01T00:00:00Z', '2021-01-01T00:00:00Z',
        ST_GeomFromText('MULTIPOLYGON(((620200 3552000, 620300 3552000, 620300 3552100, 620200 3552100, 620200 3552000)))', 4548));
INSERT INTO compound (code, name, district, households, valid_from, geom)
VALUES ('C003', '王曹二期', '襄河镇', 750, '2020-01-01T00:00:00Z',
        ST_GeomFromText('MULTIPOLYGON(((620000 3552000, 620100 3552000, 620100 3552100, 620000 3552100, 620000 3552000)))', 4548));
