-- Dead ends of the current fire lanes of one compound (or of one lane), with the turnaround that serves
-- each, if any. One row per lane end that neither joins another fire lane nor leaves the compound.
--
--  * an end joins another lane when it lies within that lane's half carriageway + junction tolerance;
--  * an end leaves the compound (a gate) when it lies outside the compound or within the gate tolerance
--    of its boundary;
--  * the dead-end length is measured along the lane from the end to the nearest place where another fire
--    lane meets or crosses it (the whole lane when none does);
--  * a turnaround serves the end when it lies within `reach` of the end; its size is read from its
--    minimum oriented rectangle (short and long side); what stands in it is listed;
--  * the turnaround class is the lane's extra->>'turnaround_class' when set, else high_rise when a
--    building of the compound has at least `high_rise_floors` storeys, else ordinary.
-- Parameters: compound, lane id (or null), junction tolerance, gate tolerance, reach, high-rise floors.
-- the tip_geometry placeholder, the turnaround_geometry placeholder and the decimals placeholder are filled in by FireLaneCheck with the output CRS's
-- expression (never from the request).
WITH params AS (
    SELECT :compound::text AS compound, :lane_id::bigint AS lane_id, :junction_tol::float8 AS junction_tol,
           :gate_tol::float8 AS gate_tol, :reach::float8 AS reach, :high_rise_floors::int AS high_rise_floors
),
all_lanes AS (
    SELECT l.id, l.geom, l.extra, COALESCE(l.carriageway_width_m, l.required_width_m)::float8 AS carriageway_w
    FROM fire_lane l, params p
    WHERE l.valid_to IS NULL AND l.compound_code = p.compound AND ST_Length(l.geom) > 0
),
lane AS (
    SELECT a.*, ST_Length(a.geom) AS len FROM all_lanes a, params p WHERE p.lane_id IS NULL OR a.id = p.lane_id
),
boundary AS (
    SELECT ST_Union(c.geom) AS geom FROM compound c, params p WHERE c.valid_to IS NULL AND c.code = p.compound
),
tip AS (
    SELECT l.id AS lane_id, e.which, e.pt, e.chainage
    FROM lane l,
    LATERAL (VALUES ('start', ST_StartPoint(l.geom), 0::float8), ('end', ST_EndPoint(l.geom), l.len)) AS e(which, pt, chainage)
),
open_tip AS (
    SELECT t.lane_id, t.which
    FROM tip t, params p, boundary b
    WHERE b.geom IS NULL OR NOT ST_Contains(b.geom, t.pt) OR ST_DWithin(ST_Boundary(b.geom), t.pt, p.gate_tol)
    UNION
    SELECT t.lane_id, t.which
    FROM tip t JOIN all_lanes o ON o.id <> t.lane_id, params p
    WHERE ST_DWithin(t.pt, o.geom, o.carriageway_w / 2 + p.junction_tol)
),
junction AS (
    SELECT l.id AS lane_id, ST_LineLocatePoint(l.geom, ST_ClosestPoint(l.geom, o.geom)) * l.len AS chainage
    FROM lane l JOIN all_lanes o ON o.id <> l.id, params p
    WHERE ST_DWithin(l.geom, o.geom, o.carriageway_w / 2 + p.junction_tol)
),
dead_end AS (
    SELECT t.lane_id, t.which, t.pt, t.chainage,
           CASE WHEN t.which = 'start' THEN COALESCE((SELECT min(j.chainage) FROM junction j WHERE j.lane_id = t.lane_id), l.len)
                ELSE l.len - COALESCE((SELECT max(j.chainage) FROM junction j WHERE j.lane_id = t.lane_id), 0) END AS length,
           COALESCE(NULLIF(l.extra ->> 'turnaround_class', ''),
                    CASE WHEN EXISTS (SELECT 1 FROM building b, params p
                                      WHERE b.valid_to IS NULL AND b.compound_code = p.compound
                                        AND b.floors >= p.high_rise_floors)
                         THEN 'high_rise' ELSE 'ordinary' END) AS turnaround_class
    FROM tip t JOIN lane l ON l.id = t.lane_id
    WHERE NOT EXISTS (SELECT 1 FROM open_tip o WHERE o.lane_id = t.lane_id AND o.which = t.which)
)
SELECT d.lane_id, d.which, d.chainage, d.length, d.turnaround_class,
       ST_AsGeoJSON({{tip_geometry}}, {{decimals}})::text AS tip_geojson,
       ta.id AS turnaround_id, ta.source_id AS turnaround_source_id, ta.short_side, ta.long_side, ta.area,
       ta.obstructed_by::text AS obstructed_by, ST_AsGeoJSON({{turnaround_geometry}}, {{decimals}})::text AS turnaround_geojson
FROM dead_end d, params p
LEFT JOIN LATERAL (
    SELECT t.id, t.source_id, t.geom, least(s.a, s.b) AS short_side, greatest(s.a, s.b) AS long_side, ST_Area(t.geom) AS area,
           (SELECT json_agg(json_build_object('layer', x.layer, 'id', x.id, 'kind', x.kind, 'source_id', x.source_id,
                                              'label', x.label) ORDER BY x.layer, x.id)
            FROM (SELECT 'obstacle' AS layer, o.id, o.kind, o.source_id, o.note AS label FROM obstacle o
                  WHERE o.valid_to IS NULL AND o.status = 'open' AND ST_Intersects(o.geom, t.geom)
                  UNION ALL
                  SELECT 'parking', s2.id, 'parking_stall', s2.source_id, s2.stall_no FROM parking_stall s2
                  WHERE s2.valid_to IS NULL AND s2.kind <> 'planned' AND ST_Relate(s2.geom, t.geom, 'T********')) x
           ) AS obstructed_by
    FROM turnaround t,
    LATERAL (SELECT ST_OrientedEnvelope(t.geom) AS env) e,
    LATERAL (SELECT ST_Distance(ST_PointN(ST_ExteriorRing(e.env), 1), ST_PointN(ST_ExteriorRing(e.env), 2)) AS a,
                    ST_Distance(ST_PointN(ST_ExteriorRing(e.env), 2), ST_PointN(ST_ExteriorRing(e.env), 3)) AS b) s
    WHERE t.valid_to IS NULL AND ST_DWithin(t.geom, d.pt, p.reach)
    ORDER BY least(s.a, s.b) DESC
    LIMIT 1
) ta ON true
ORDER BY d.lane_id, d.which DESC
