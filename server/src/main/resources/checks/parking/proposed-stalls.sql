-- Proposed stalls sent as a JSON array of GeoJSON Features (checked by ParkingApi), in the request's CRS
-- (the input_geometry placeholder turns the feature's geometry into the working CRS), as the stall set of stall-findings.sql.
SELECT f.ord AS id, NULLIF(f.feature -> 'properties' ->> 'stall_no', '') AS stall_no, NULL::text AS source_id,
       'proposed' AS kind, COALESCE(NULLIF(f.feature -> 'properties' ->> 'layout', ''), p.default_layout) AS layout,
       {{input_geometry}} AS geom
FROM params p, jsonb_array_elements(p.proposed) WITH ORDINALITY AS f(feature, ord)
