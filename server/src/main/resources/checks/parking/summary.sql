-- Stall counts of one compound by kind, with its households. Parameter: compound.
SELECT c.households,
       (SELECT json_object_agg(k.kind, k.n) FROM (
            SELECT s.kind, count(*) AS n FROM parking_stall s
            WHERE s.valid_to IS NULL AND s.compound_code = c.code GROUP BY s.kind) k)::text AS by_kind
FROM compound c
WHERE c.valid_to IS NULL AND c.code = :compound
