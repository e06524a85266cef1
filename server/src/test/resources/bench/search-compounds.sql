-- 5 000 compounds S0000 … S4999 for the search benchmark, each with an older closed version (a re-survey), in
-- districts of a made-up city: names are two characters of a fixed list and a suffix (南岳新村, 王曹花园 …), so a
-- two-character query matches tens of compounds, as in a real register. Their pinyin is left to the search.
WITH chars AS (SELECT '{南,岳,王,曹,东,苑,万,利,釜,山,新,华,慈,济,城,惠,德,庄,麓,花,金,银,桂,兰,梅,竹,松,柏,长,安,和,平}'::text[] AS c,
                      '{新村,小区,花园,山庄,苑,家园,公寓,一期,二期,宿舍}'::text[] AS s,
                      '{襄河镇,六镇镇,古河镇,大墅镇,二郎口镇,武岗镇,马厂镇,西王镇,石沛镇,十字镇}'::text[] AS d),
n AS (SELECT i, chars.* FROM generate_series(0, {compounds} - 1) AS i, chars)
INSERT INTO compound (code, name, district, households, site_area_m2, built_year, renovation_year, valid_from, valid_to, geom)
SELECT format('S%s', lpad(i::text, 4, '0')),
       c[1 + (i * 7) % 32] || c[1 + (i * 13 + i / 32) % 32] || s[1 + i % 10],
       d[1 + (i / 10) % 10], 100 + i % 900, 5000 + (i % 50) * 1000, 1980 + i % 25, 2016 + i % 4,
       v.valid_from, v.valid_to,
       ST_Multi(ST_MakeEnvelope(560000 + (i % 70) * 250, 3560000 + (i / 70) * 250,
                                560000 + (i % 70) * 250 + 200, 3560000 + (i / 70) * 250 + 200, 4548))
FROM n CROSS JOIN (VALUES (timestamptz '2015-01-01', timestamptz '2020-01-01'), (timestamptz '2020-01-01', NULL)) AS v(valid_from, valid_to);
