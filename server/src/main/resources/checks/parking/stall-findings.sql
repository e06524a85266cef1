-- Checks every stall of a set (the stalls placeholder: the compound's stored stalls, or proposed ones) against the rules
-- of standards.md §8: its size (short and long side of its minimum oriented rectangle), whether it reaches
-- into a fire lane's required width (the centreline buffered by half the required width, flat ends) or a
-- turnaround by more than `tolerance`, and, for proposed stalls, whether it overlaps an existing stall or a
-- building. Sizes are compared with the rule file in ParkingCheck.
-- Parameters: compound, default layout, proposed features (jsonb, or null), tolerance, check existing overlaps.
WITH params AS (
    SELECT :compound::text AS compound, :default_layout::text AS default_layout, :proposed::jsonb AS proposed,
           :tolerance::float8 AS tolerance, :check_existing::boolean AS check_existing
),
stall AS (
{{stalls}}
),
sized AS (
    SELECT s.id, least(d.a, d.b) AS width, greatest(d.a, d.b) AS length
    FROM stall s,
    LATERAL (SELECT ST_ExteriorRing(ST_OrientedEnvelope(s.geom)) AS ring) e,
    LATERAL (SELECT ST_Distance(ST_PointN(e.ring, 1), ST_PointN(e.ring, 2)) AS a,
                    ST_Distance(ST_PointN(e.ring, 2), ST_PointN(e.ring, 3)) AS b) d
),
lane_overlap AS (
    SELECT s.id, json_agg(json_build_object(
               'id', l.id, 'source_id', l.source_id, 'name', l.name, 'required_width_m', l.required_width_m,
               'intrusion_m', round((l.required_width_m / 2 - ST_Distance(s.geom, l.geom))::numeric, 3),
               'overlap_m2', round(ST_Area(ST_Intersection(s.geom, b.band))::numeric, 2)) ORDER BY l.id) AS lanes
    FROM stall s, params p
    JOIN fire_lane l ON l.valid_to IS NULL,
    LATERAL (SELECT ST_Buffer(l.geom, l.required_width_m / 2, 'endcap=flat join=mitre') AS band) b
    WHERE ST_DWithin(s.geom, l.geom, l.required_width_m / 2)
      AND ST_Relate(s.geom, ST_Buffer(b.band, -p.tolerance, 'join=mitre'), 'T********')
    GROUP BY s.id
),
turnaround_overlap AS (
    SELECT s.id, json_agg(json_build_object('id', t.id, 'source_id', t.source_id, 'name', t.name,
               'overlap_m2', round(ST_Area(ST_Intersection(s.geom, t.geom))::numeric, 2)) ORDER BY t.id) AS turnarounds
    FROM stall s, params p
    JOIN turnaround t ON t.valid_to IS NULL
    WHERE s.geom && t.geom AND ST_Relate(s.geom, ST_Buffer(t.geom, -p.tolerance, 'join=mitre'), 'T********')
    GROUP BY s.id
),
existing_overlap AS (
    SELECT s.id, json_agg(json_build_object('layer', x.layer, 'id', x.id, 'source_id', x.source_id, 'label', x.label)
               ORDER BY x.layer, x.id) AS features
    FROM stall s, params p,
    LATERAL (
        SELECT 'parking' AS layer, e.id, e.source_id, e.stall_no AS label, e.geom FROM parking_stall e
        WHERE e.valid_to IS NULL AND e.geom && s.geom
        UNION ALL
        SELECT 'building', b.id, b.source_id, b.name, b.geom FROM building b
        WHERE b.valid_to IS NULL AND b.geom && s.geom
    ) x
    WHERE p.check_existing AND ST_Relate(s.geom, ST_Buffer(x.geom, -p.tolerance, 'join=mitre'), 'T********')
    GROUP BY s.id
)
SELECT s.id, s.stall_no, s.source_id, s.kind, s.layout, z.width, z.length,
       lo.lanes::text AS lanes, tu.turnarounds::text AS turnarounds, eo.features::text AS overlapping,
       ST_AsGeoJSON({{output_geometry}}, {{decimals}})::text AS geometry
FROM stall s
JOIN sized z ON z.id = s.id
LEFT JOIN lane_overlap lo ON lo.id = s.id
LEFT JOIN turnaround_overlap tu ON tu.id = s.id
LEFT JOIN existing_overlap eo ON eo.id = s.id
ORDER BY s.id
