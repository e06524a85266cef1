-- Clear-width profile of the current fire lanes of one compound (or of one lane): one row per station.
--
-- Method (all geometry in the working CRS, metres):
--  * the carriageway is the centreline buffered by half its width (carriageway_width_m, else the
--    required width), flat at the ends;
--  * blockers are what stands in the carriageway's interior: open obstacles (a point is taken as a disc
--    of the radius for its kind, from the rule file), parking stalls and buildings;
--  * stations are placed every `spacing` metres along the centreline (and at its end), plus one through
--    the middle (in chainage) of every blocker, so that a blocker shorter than the spacing is never
--    missed between two stations;
--  * at each station the cross-section is the segment perpendicular to the centreline (the chord from
--    `window` before to `window` after the station) across the whole carriageway;
--  * the clear width is the longest part of the cross-section left after removing every blocker that
--    covers more than `min_blocking` metres of it; those blockers are the station's causes.
-- Parameters: compound, lane id (or null for all), spacing, window, min_blocking, point radii (jsonb),
-- largest point radius, include planned stalls.
WITH params AS (
    SELECT :compound::text AS compound, :lane_id::bigint AS lane_id, :spacing::float8 AS spacing,
           :window_m::float8 AS window_m, :min_blocking::float8 AS min_blocking, :point_radius::jsonb AS point_radius,
           :max_radius::float8 AS max_radius, :include_planned::boolean AS include_planned
),
lane AS (
    SELECT l.id, l.geom, ST_Length(l.geom) AS len,
           COALESCE(l.carriageway_width_m, l.required_width_m)::float8 AS carriageway_w
    FROM fire_lane l, params p
    WHERE l.valid_to IS NULL AND l.compound_code = p.compound AND (p.lane_id IS NULL OR l.id = p.lane_id)
      AND ST_Length(l.geom) > 0
),
carriageway AS (
    SELECT id, ST_Buffer(geom, carriageway_w / 2, 'endcap=flat join=mitre') AS area FROM lane
),
blocker AS (
    SELECT c.id AS lane_id, f.*
    FROM carriageway c, params p,
    LATERAL (
        SELECT 'obstacle' AS layer, o.id AS feature_id, o.kind, o.source_id, o.note AS label,
               CASE WHEN GeometryType(o.geom) = 'POINT'
                    THEN COALESCE((p.point_radius ->> o.kind)::float8, p.max_radius) END AS assumed_radius,
               CASE WHEN GeometryType(o.geom) = 'POINT'
                    THEN ST_Buffer(o.geom, COALESCE((p.point_radius ->> o.kind)::float8, p.max_radius))
                    ELSE o.geom END AS geom
        FROM obstacle o
        WHERE o.valid_to IS NULL AND o.status = 'open' AND ST_DWithin(o.geom, c.area, p.max_radius)
        UNION ALL
        SELECT 'parking', s.id, 'parking_stall', s.source_id, s.stall_no, NULL::float8, s.geom
        FROM parking_stall s
        WHERE s.valid_to IS NULL AND (p.include_planned OR s.kind <> 'planned') AND s.geom && c.area
        UNION ALL
        SELECT 'building', b.id, 'building', b.source_id, b.name, NULL::float8, b.geom
        FROM building b
        WHERE b.valid_to IS NULL AND b.geom && c.area
    ) f
    -- reaching more than min_blocking into the carriageway: a stall painted along its edge is no blocker
    WHERE ST_Relate(f.geom, ST_Buffer(c.area, -p.min_blocking, 'join=mitre'), 'T********')
),
station AS (
    SELECT l.id AS lane_id, least(i * p.spacing, l.len) AS chainage
    FROM lane l, params p, generate_series(0, ceil(l.len / p.spacing)::int) AS i
    UNION
    SELECT b.lane_id, (min(ST_LineLocatePoint(l.geom, d.geom)) + max(ST_LineLocatePoint(l.geom, d.geom))) / 2 * l.len
    FROM blocker b JOIN lane l ON l.id = b.lane_id, LATERAL ST_DumpPoints(b.geom) AS d
    GROUP BY b.lane_id, b.layer, b.feature_id, l.len
),
section AS (
    SELECT st.lane_id, st.chainage, l.carriageway_w / 2 AS half,
           ST_MakeLine(ST_Translate(g.pt, -cos(g.az) * l.carriageway_w / 2, sin(g.az) * l.carriageway_w / 2),
                       ST_Translate(g.pt, cos(g.az) * l.carriageway_w / 2, -sin(g.az) * l.carriageway_w / 2)) AS line
    FROM station st JOIN lane l ON l.id = st.lane_id, params p,
    LATERAL (
        SELECT ST_LineInterpolatePoint(l.geom, st.chainage / l.len) AS pt,
               ST_Azimuth(ST_LineInterpolatePoint(l.geom, greatest(st.chainage - p.window_m, 0) / l.len),
                          ST_LineInterpolatePoint(l.geom, least(st.chainage + p.window_m, l.len) / l.len)) AS az
    ) g
)
SELECT s.lane_id, s.chainage, 2 * s.half AS section_width,
       COALESCE(gap.width, 0) AS clear_width,
       gap.from_m - s.half AS gap_from, gap.to_m - s.half AS gap_to,
       occ.causes::text AS causes
FROM section s, params p
LEFT JOIN LATERAL (
    SELECT ST_Union(b.geom) AS geom,
           json_agg(json_build_object('layer', b.layer, 'id', b.feature_id, 'kind', b.kind,
                                      'source_id', b.source_id, 'label', b.label,
                                      'assumed_radius_m', b.assumed_radius)
                    ORDER BY b.layer, b.feature_id) AS causes
    FROM blocker b
    WHERE b.lane_id = s.lane_id AND ST_Length(ST_Intersection(s.line, b.geom)) > p.min_blocking
    HAVING count(*) > 0
) occ ON true
LEFT JOIN LATERAL (
    SELECT ST_Length(d.geom) AS width,
           2 * s.half * least(ST_LineLocatePoint(s.line, ST_StartPoint(d.geom)), ST_LineLocatePoint(s.line, ST_EndPoint(d.geom))) AS from_m,
           2 * s.half * greatest(ST_LineLocatePoint(s.line, ST_StartPoint(d.geom)), ST_LineLocatePoint(s.line, ST_EndPoint(d.geom))) AS to_m
    FROM ST_Dump(CASE WHEN occ.geom IS NULL THEN s.line ELSE ST_Difference(s.line, occ.geom) END) AS d
    WHERE GeometryType(d.geom) = 'LINESTRING'
    ORDER BY ST_Length(d.geom) DESC
    LIMIT 1
) gap ON true
ORDER BY s.lane_id, s.chainage
