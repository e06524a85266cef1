-- Planted fire lane and parking cases in EPSG:4548 (x = easting, y = northing), compound F001
-- (619000-619200 E, 3552000-3552100 N). Every distance below is exact; the tests assert on them.
--
-- Lane XF1 runs east from the gate (619000, 3552050) for 150 m; no carriageway width: 4.0 m centred, so
-- its edges are y = 3552048 (south) and y = 3552052 (north).
-- Lane XF2 branches north from XF1 at x = 619100 and stops 45 m on, 5 m short of the wall: a dead end
-- over 40 m with no turnaround. XF1's own east end (50 m past the junction) has a 12 x 12 m turnaround.
-- Lane XF3 (30 m, from the gate) has a 3.5 m carriageway: narrower than the 4.0 m required all along.
INSERT INTO survey (id, title, surveyor, surveyed_on) VALUES (951, '消防通道测试', '测试测绘院', '2024-05-01');

INSERT INTO compound (code, name, households, site_area_m2, renovation_year, renovation_status, source_id, survey_id, geom)
VALUES ('F001', '消防测试小区', 40, 20000, 2019, 'completed', 'F001', 951,
        ST_GeomFromText('MULTIPOLYGON(((619000 3552000, 619200 3552000, 619200 3552100, 619000 3552100, 619000 3552000)))', 4548));

INSERT INTO fire_lane (compound_code, name, required_width_m, carriageway_width_m, source_id, survey_id, geom) VALUES
 ('F001', '主干道消防通道', 4.0, NULL, 'XF1', 951, ST_GeomFromText('LINESTRING(619000 3552050, 619150 3552050)', 4548)),
 ('F001', '支路消防通道', 4.0, NULL, 'XF2', 951, ST_GeomFromText('LINESTRING(619100 3552050, 619100 3552095)', 4548)),
 ('F001', '窄路消防通道', 4.0, 3.5, 'XF3', 951, ST_GeomFromText('LINESTRING(619000 3552010, 619030 3552010)', 4548));

INSERT INTO turnaround (compound_code, name, source_id, survey_id, geom) VALUES
 ('F001', '东端回车场', 'HC1', 951, ST_GeomFromText('POLYGON((619144 3552044, 619156 3552044, 619156 3552056, 619144 3552056, 619144 3552044))', 4548));

-- In the lane: a stall painted 1.1 m into it from the south (clear 2.9 m), a parked car 1.5 m in from the
-- north (clear 2.5 m), a shed 0.8 m in from the south (clear 3.2 m), a bollard on the centreline (a point:
-- a 0.15 m disc, clear 1.85 m).
INSERT INTO parking_stall (compound_code, stall_no, kind, source_id, survey_id, geom) VALUES
 ('F001', 'P01', 'standard', 'P01', 951, ST_GeomFromText('POLYGON((619020 3552043.8, 619022.5 3552043.8, 619022.5 3552049.1, 619020 3552049.1, 619020 3552043.8))', 4548));
INSERT INTO obstacle (compound_code, kind, note, observed_on, status, source_id, survey_id, geom) VALUES
 ('F001', 'vehicle', '私家车停在消防通道', '2024-05-01', 'open', 'ZA1', 951,
  ST_GeomFromText('POLYGON((619050 3552050.5, 619054.8 3552050.5, 619054.8 3552052.5, 619050 3552052.5, 619050 3552050.5))', 4548)),
 ('F001', 'illegal_structure', '铁皮棚侵占消防通道', '2024-05-01', 'open', 'ZA2', 951,
  ST_GeomFromText('POLYGON((619080 3552045, 619084 3552045, 619084 3552048.8, 619080 3552048.8, 619080 3552045))', 4548)),
 ('F001', 'bollard', '通道中间阻车桩', '2024-05-01', 'open', 'ZA3', 951, ST_GeomFromText('POINT(619120 3552050)', 4548));

-- Beside the lane, clear of it: a stall along the south edge (touching), a stall 0.3 m off the north
-- edge, clutter whose 0.5 m disc stays 0.5 m off the north edge, a car parked 0.2 m off the north edge,
-- a building 8 m north; and a car in the lane that has been moved away (resolved).
INSERT INTO parking_stall (compound_code, stall_no, kind, source_id, survey_id, geom) VALUES
 ('F001', 'P02', 'standard', 'P02', 951, ST_GeomFromText('POLYGON((619030 3552042.7, 619032.5 3552042.7, 619032.5 3552048, 619030 3552048, 619030 3552042.7))', 4548)),
 ('F001', 'P03', 'ev', 'P03', 951, ST_GeomFromText('POLYGON((619060 3552052.3, 619062.5 3552052.3, 619062.5 3552057.6, 619060 3552057.6, 619060 3552052.3))', 4548));
INSERT INTO obstacle (compound_code, kind, note, observed_on, status, source_id, survey_id, geom) VALUES
 ('F001', 'clutter', '路边杂物', '2024-05-01', 'open', 'ZA4', 951, ST_GeomFromText('POINT(619070 3552053)', 4548)),
 ('F001', 'vehicle', '路边停车', '2024-05-01', 'open', 'ZA5', 951,
  ST_GeomFromText('POLYGON((619090 3552052.2, 619094.8 3552052.2, 619094.8 3552054.2, 619090 3552054.2, 619090 3552052.2))', 4548)),
 ('F001', 'vehicle', '已挪走的车', '2024-04-01', 'resolved', 'ZA6', 951,
  ST_GeomFromText('POLYGON((619130 3552049, 619134.8 3552049, 619134.8 3552051, 619130 3552051, 619130 3552049))', 4548));
INSERT INTO building (compound_code, name, floors, source_id, survey_id, geom) VALUES
 ('F001', '1号楼', 6, '1号楼', 951, ST_GeomFromText('MULTIPOLYGON(((619020 3552060, 619060 3552060, 619060 3552072, 619020 3552072, 619020 3552060)))', 4548));

-- Parking cases: a planned stall 2.0 m into XF1 (counted by the lane check only with planned=true), an
-- undersized stall (2.2 x 5.0 m) clear of every lane, and a stall inside the turnaround.
INSERT INTO parking_stall (compound_code, stall_no, kind, source_id, survey_id, geom) VALUES
 ('F001', 'P04', 'planned', 'P04', 951, ST_GeomFromText('POLYGON((619110 3552044.7, 619112.5 3552044.7, 619112.5 3552050, 619110 3552050, 619110 3552044.7))', 4548)),
 ('F001', 'P05', 'standard', 'P05', 951, ST_GeomFromText('POLYGON((619170 3552080, 619172.2 3552080, 619172.2 3552085, 619170 3552085, 619170 3552080))', 4548)),
 ('F001', 'P06', 'accessible', 'P06', 951, ST_GeomFromText('POLYGON((619152 3552054, 619154.5 3552054, 619154.5 3552059.3, 619152 3552059.3, 619152 3552054))', 4548));
