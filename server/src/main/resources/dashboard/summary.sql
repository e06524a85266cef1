-- The city dashboard's totals (GET /api/dashboard), as one JSON document, from the current register (compound
-- rows with valid_to IS NULL, current compound_item rows) and the current drainage pipes themselves.
-- Parameters: district (or NULL), renovation_year (or NULL), renovation_status (or NULL).
-- Pipe lengths are ST_Length of the current pipes (status 'existing': built, not designed or abandoned) of the
-- chosen compounds, per network YS rain / WS sewage / HS combined, read from compound_pipe_length, which triggers on
-- pipe keep current (V23); "renovated" counts only those of compounds that
-- are completed or accepted. Progress per year is dated by the register's completed_on / accepted_on; compounds
-- completed without a date are counted as undated.
WITH f AS (
    SELECT CAST(? AS text) AS district, CAST(? AS integer) AS batch, CAST(? AS text) AS status
),
c AS (
    SELECT c.code, c.district, c.households, c.site_area_m2, c.renovation_year, c.renovation_status,
           c.completed_on, c.accepted_on,
           c.renovation_status IN ('completed', 'accepted') AS done
    FROM compound c CROSS JOIN f
    WHERE c.valid_to IS NULL
      AND (f.district IS NULL OR c.district = f.district)
      AND (f.batch IS NULL OR c.renovation_year = f.batch)
      AND (f.status IS NULL OR c.renovation_status = f.status)
),
pipes AS (
    SELECT l.network, c.done, sum(l.length_m) AS length_m
    FROM compound_pipe_length l JOIN c ON c.code = l.compound_code
    WHERE l.network IN ('YS', 'WS', 'HS')
    GROUP BY l.network, c.done
),
items AS (
    SELECT i.item, sum(i.planned_quantity) AS planned, sum(i.done_quantity) AS done
    FROM compound_item i JOIN c ON c.code = i.compound_code
    WHERE i.valid_to IS NULL AND i.item IN ('rain_pipe_m', 'sewer_pipe_m', 'stalls_added')
    GROUP BY i.item
),
groups AS (
    SELECT 'status' AS dim, renovation_status AS key, count(*) AS compounds, coalesce(sum(households), 0) AS households,
           coalesce(sum(site_area_m2), 0) AS site_area_m2, count(*) FILTER (WHERE done) AS completed
    FROM c GROUP BY renovation_status
    UNION ALL
    SELECT 'year', CAST(renovation_year AS text), count(*), coalesce(sum(households), 0), coalesce(sum(site_area_m2), 0),
           count(*) FILTER (WHERE done)
    FROM c GROUP BY renovation_year
    UNION ALL
    SELECT 'district', district, count(*), coalesce(sum(households), 0), coalesce(sum(site_area_m2), 0),
           count(*) FILTER (WHERE done)
    FROM c GROUP BY district
),
progress AS (
    SELECT y AS year, sum(completed) AS completed, sum(accepted) AS accepted
    FROM (SELECT CAST(extract(year FROM completed_on) AS integer) AS y, 1 AS completed, 0 AS accepted
          FROM c WHERE done AND completed_on IS NOT NULL
          UNION ALL
          SELECT CAST(extract(year FROM accepted_on) AS integer), 0, 1
          FROM c WHERE renovation_status = 'accepted' AND accepted_on IS NOT NULL) d
    GROUP BY y
)
SELECT json_build_object(
    'compounds', (SELECT count(*) FROM c),
    'households', (SELECT coalesce(sum(households), 0) FROM c),
    'site_area_m2', (SELECT round(coalesce(sum(site_area_m2), 0), 1) FROM c),
    'completed', (SELECT count(*) FROM c WHERE done),
    'by_renovation_status', coalesce((SELECT json_agg(json_build_object('renovation_status', key,
            'compounds', compounds, 'households', households, 'site_area_m2', round(site_area_m2, 1)) ORDER BY key)
        FROM groups WHERE dim = 'status'), '[]'),
    'by_renovation_year', coalesce((SELECT json_agg(json_build_object('renovation_year', CAST(key AS integer),
            'compounds', compounds, 'completed', completed, 'households', households,
            'site_area_m2', round(site_area_m2, 1)) ORDER BY CAST(key AS integer) NULLS LAST)
        FROM groups WHERE dim = 'year'), '[]'),
    'by_district', coalesce((SELECT json_agg(json_build_object('district', key,
            'compounds', compounds, 'completed', completed, 'households', households,
            'site_area_m2', round(site_area_m2, 1)) ORDER BY key NULLS LAST)
        FROM groups WHERE dim = 'district'), '[]'),
    'pipes', json_build_object(
        'surveyed_m', (SELECT json_build_object(
                'YS', round(CAST(coalesce(sum(length_m) FILTER (WHERE network = 'YS'), 0) AS numeric), 1),
                'WS', round(CAST(coalesce(sum(length_m) FILTER (WHERE network = 'WS'), 0) AS numeric), 1),
                'HS', round(CAST(coalesce(sum(length_m) FILTER (WHERE network = 'HS'), 0) AS numeric), 1),
                'total', round(CAST(coalesce(sum(length_m), 0) AS numeric), 1)) FROM pipes),
        'renovated_m', (SELECT json_build_object(
                'YS', round(CAST(coalesce(sum(length_m) FILTER (WHERE network = 'YS'), 0) AS numeric), 1),
                'WS', round(CAST(coalesce(sum(length_m) FILTER (WHERE network = 'WS'), 0) AS numeric), 1),
                'HS', round(CAST(coalesce(sum(length_m) FILTER (WHERE network = 'HS'), 0) AS numeric), 1),
                'total', round(CAST(coalesce(sum(length_m), 0) AS numeric), 1)) FROM pipes WHERE done),
        'planned_m', (SELECT round(coalesce(sum(planned), 0), 1) FROM items
                      WHERE item IN ('rain_pipe_m', 'sewer_pipe_m')),
        'reported_done_m', (SELECT round(coalesce(sum(done), 0), 1) FROM items
                            WHERE item IN ('rain_pipe_m', 'sewer_pipe_m'))),
    'stalls_added', json_build_object(
        'planned', (SELECT coalesce(sum(planned), 0) FROM items WHERE item = 'stalls_added'),
        'done', (SELECT coalesce(sum(done), 0) FROM items WHERE item = 'stalls_added')),
    'progress', json_build_object(
        'dated_by', 'completed_on, accepted_on',
        'by_year', coalesce((SELECT json_agg(json_build_object('year', year, 'completed', completed,
                'accepted', accepted) ORDER BY year) FROM progress), '[]'),
        'completed_undated', (SELECT count(*) FROM c WHERE done AND completed_on IS NULL))
) AS dashboard
