-- The current stalls of one compound (planned ones included), as the stall set of stall-findings.sql.
SELECT s.id, s.stall_no, s.source_id, s.kind, COALESCE(NULLIF(s.extra ->> 'layout', ''), p.default_layout) AS layout, s.geom
FROM parking_stall s, params p
WHERE s.valid_to IS NULL AND s.compound_code = p.compound
