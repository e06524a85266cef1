-- The register of the benchmark city (issue 11): {compounds} compounds B0000 … on the grid of city.sql (29 columns,
-- 220 m apart, 200 m × 200 m boundaries), so that the first ones hold the city's pipes; each with an older closed
-- version (a re-survey), in ten districts of a made-up county, with the register's fields spread as a real
-- register's are: six statuses, batch years 2016–2025, households, areas, completion and acceptance dates, and the
-- items the dashboard sums (rain and sewer pipe, parking stalls, greening) planned and, once built, done. Names are
-- two characters of a fixed list and a suffix (南岳新村, 王曹花园 …), so a two-character query matches tens of
-- compounds; their pinyin is left to the search, as for any writer that inserts by SQL.
CREATE TEMP TABLE bench_register ON COMMIT DROP AS
WITH chars AS (SELECT '{南,岳,王,曹,东,苑,万,利,釜,山,新,华,慈,济,城,惠,德,庄,麓,花,金,银,桂,兰,梅,竹,松,柏,长,安,和,平}'::text[] AS c,
                      '{新村,小区,花园,山庄,苑,家园,公寓,一期,二期,宿舍}'::text[] AS s,
                      '{襄河镇,六镇镇,古河镇,大墅镇,二郎口镇,武岗镇,马厂镇,西王镇,石沛镇,十字镇}'::text[] AS d,
                      '{planned,designed,tendered,in_construction,completed,accepted}'::text[] AS st)
SELECT i, 'B' || lpad(i::text, 4, '0') AS code,
       c[1 + (i * 7) % 32] || c[1 + (i * 13 + i / 32) % 32] || s[1 + i % 10] AS name,
       d[1 + (i / 10) % 10] AS district, st[1 + (i * 5 + i / 6) % 6] AS status, 2016 + i % 10 AS batch,
       100 + i % 900 AS households, 5000 + (i % 50) * 1000 AS site_area_m2, 1980 + i % 25 AS built_year,
       520000 + (i % 29) * 220 AS cx, 3540000 + (i / 29) * 220 AS cy
FROM generate_series(0, {compounds} - 1) AS i, chars;

INSERT INTO compound (code, name, district, households, site_area_m2, built_year, renovation_year, renovation_status,
                      building_count, storeys, residents, renovation_category, planned_on, completed_on, accepted_on,
                      funding_central_10k_yuan, funding_local_10k_yuan, property_management, changed_via, source_id,
                      valid_from, valid_to, geom)
SELECT code, name, district, households, site_area_m2, built_year, batch, status,
       4 + i % 20, 5 + i % 3, households * 3, (ARRAY['basic', 'improvement', 'upgrade'])[1 + i % 3],
       make_date(batch, 3, 1),
       CASE WHEN status IN ('completed', 'accepted') THEN make_date(batch + 1, 1 + i % 12, 15) END,
       CASE WHEN status = 'accepted' THEN make_date(batch + 1, 1 + i % 12, 28) END,
       round(households * 0.8, 2), round(households * 0.3, 2), i % 2 = 0, 'import', code,
       v.valid_from, v.valid_to, ST_Multi(ST_MakeEnvelope(cx, cy, cx + 200, cy + 200, 4548))
FROM bench_register
CROSS JOIN (VALUES (timestamptz '2015-01-01', timestamptz '2020-01-01'), (timestamptz '2020-01-01', NULL)) AS v(valid_from, valid_to);

INSERT INTO compound_item (compound_code, category, item, unit, planned_quantity, done_quantity, changed_via, valid_from)
SELECT r.code, it.category, it.item, it.unit, it.per_household * r.households,
       CASE WHEN r.status IN ('completed', 'accepted') THEN it.per_household * r.households
            WHEN r.status = 'in_construction' THEN round(it.per_household * r.households / 2, 2) END,
       'import', timestamptz '2020-01-01'
FROM bench_register r
CROSS JOIN (VALUES ('pipes', 'rain_pipe_m', 'm', 1.5), ('pipes', 'sewer_pipe_m', 'm', 1.2),
                   ('roads_parking', 'stalls_added', 'count', 0.1), ('greening', 'greening_m2', 'm2', 4.0))
    AS it(category, item, unit, per_household);
