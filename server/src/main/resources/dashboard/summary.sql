-- The city dashboard's totals (GET /api/dashboard), as one JSON document, from the current register (compound
-- rows with valid_to IS NULL, current compound_item rows) and the current drainage pipes themselves.
-- Parameters: district (or NULL), renovation_year (or NULL), renovation_status (or NULL).
-- Pipe lengths are ST_Length of the current drainage pipes (YS rain / WS sewage / HS combined) of the chosen
-- compounds, never a typed figure: "planned" is the network their renovation covers (built 'existing' and designed
-- 'design' pipes; abandoned ones are not), "renovated" the built pipes of compounds that are completed or accepted,
-- "surveyed" every built pipe, "design" the designed ones. The register's own rain_pipe_m / sewer_pipe_m /
-- drainage_pipe_m items are reported beside them (pipes.register) for cross-checking only. Every breakdown (by
-- status, batch, district) carries compounds, households, site area, pipe length planned / renovated and stalls
-- planned / added, each with its completed part. Progress per year is dated by the register's started_on /
-- completed_on / accepted_on; compounds completed without a date are counted as undated.
-- The lengths are read from compound_pipe_length, which triggers on pipe keep current (V23).
WITH f AS (
    SELECT CAST(:district AS text) AS district, CAST(:batch AS integer) AS batch, CAST(:status AS text) AS status
),
c AS (
    SELECT c.code, c.district, c.households, c.site_area_m2, c.renovation_year, c.renovation_status,
           c.started_on, c.completed_on, c.accepted_on,
           c.renovation_status IN ('completed', 'accepted') AS done
    FROM compound c CROSS JOIN f
    WHERE c.valid_to IS NULL
      AND (f.district IS NULL OR c.district = f.district)
      AND (f.batch IS NULL OR c.renovation_year = f.batch)
      AND (f.status IS NULL OR c.renovation_status = f.status)
),
-- the current drainage pipes (built or designed) per compound, network and status, kept by triggers (V23)
pipe_lengths AS (
    SELECT l.compound_code, l.network, l.status, l.length_m
    FROM compound_pipe_length l JOIN c ON c.code = l.compound_code
    WHERE l.status IN ('existing', 'design') AND l.network IN ('YS', 'WS', 'HS')
),
pipes AS (
    SELECT l.network, l.status, c.done, sum(l.length_m) AS length_m
    FROM pipe_lengths l JOIN c ON c.code = l.compound_code
    GROUP BY l.network, l.status, c.done
),
-- per compound: the drainage pipes its renovation covers (built and designed) and those renovated (built, in a
-- completed or accepted compound), and its parking stalls planned and added, for the breakdowns below
per_compound AS (
    SELECT c.code, c.renovation_status, c.renovation_year, c.district, c.households, c.site_area_m2, c.done,
           coalesce(p.planned_m, 0) AS pipe_planned_m,
           CASE WHEN c.done THEN coalesce(p.built_m, 0) ELSE 0 END AS pipe_renovated_m,
           coalesce(s.planned_quantity, 0) AS stalls_planned, coalesce(s.done_quantity, 0) AS stalls_added
    FROM c
    LEFT JOIN (SELECT compound_code, sum(length_m) AS planned_m,
                      sum(length_m) FILTER (WHERE status = 'existing') AS built_m
               FROM pipe_lengths GROUP BY compound_code) p ON p.compound_code = c.code
    LEFT JOIN compound_item s ON s.compound_code = c.code AND s.valid_to IS NULL AND s.item = 'stalls_added'
),
items AS (
    SELECT i.item, sum(i.planned_quantity) AS planned, sum(i.done_quantity) AS done
    FROM compound_item i JOIN c ON c.code = i.compound_code
    WHERE i.valid_to IS NULL AND i.item IN ('rain_pipe_m', 'sewer_pipe_m', 'drainage_pipe_m', 'stalls_added')
    GROUP BY i.item
),
-- the breakdowns by status, by batch and by district in one pass (GROUPING() tells which set a row belongs to)
groups AS (
    SELECT CASE WHEN GROUPING(renovation_status) = 0 THEN 'status'
                WHEN GROUPING(renovation_year) = 0 THEN 'year' ELSE 'district' END AS dim,
           CASE WHEN GROUPING(renovation_status) = 0 THEN renovation_status
                WHEN GROUPING(renovation_year) = 0 THEN CAST(renovation_year AS text) ELSE district END AS key,
           count(*) AS compounds, count(*) FILTER (WHERE done) AS completed,
           coalesce(sum(households), 0) AS households,
           coalesce(sum(households) FILTER (WHERE done), 0) AS completed_households,
           coalesce(sum(site_area_m2), 0) AS site_area_m2,
           coalesce(sum(site_area_m2) FILTER (WHERE done), 0) AS completed_site_area_m2,
           sum(pipe_planned_m) AS pipe_planned_m, sum(pipe_renovated_m) AS pipe_renovated_m,
           sum(stalls_planned) AS stalls_planned, sum(stalls_added) AS stalls_added
    FROM per_compound
    GROUP BY GROUPING SETS ((renovation_status), (renovation_year), (district))
),
-- events per year: works started (started_on of compounds under construction or done), completed (completed_on of
-- done ones), accepted (accepted_on of accepted ones); completed_to_date adds the completions up to that year
progress AS (
    SELECT y AS year, sum(started) AS started, sum(completed) AS completed, sum(accepted) AS accepted,
           sum(sum(completed)) OVER (ORDER BY y) AS completed_to_date
    FROM (SELECT CAST(extract(year FROM started_on) AS integer) AS y, 1 AS started, 0 AS completed, 0 AS accepted
          FROM c WHERE renovation_status IN ('in_construction', 'completed', 'accepted') AND started_on IS NOT NULL
          UNION ALL
          SELECT CAST(extract(year FROM completed_on) AS integer), 0, 1, 0
          FROM c WHERE done AND completed_on IS NOT NULL
          UNION ALL
          SELECT CAST(extract(year FROM accepted_on) AS integer), 0, 0, 1
          FROM c WHERE renovation_status = 'accepted' AND accepted_on IS NOT NULL) d
    GROUP BY y
)
SELECT json_build_object(
    'compounds', (SELECT count(*) FROM c),
    'households', (SELECT coalesce(sum(households), 0) FROM c),
    'site_area_m2', (SELECT round(coalesce(sum(site_area_m2), 0), 1) FROM c),
    'completed', (SELECT count(*) FROM c WHERE done),
    'by_renovation_status', coalesce((SELECT json_agg(json_build_object('renovation_status', key,
            'compounds', compounds, 'completed', completed, 'households', households,
            'completed_households', completed_households, 'site_area_m2', round(site_area_m2, 1),
            'completed_site_area_m2', round(completed_site_area_m2, 1),
            'pipe_planned_m', round(CAST(pipe_planned_m AS numeric), 1),
            'pipe_renovated_m', round(CAST(pipe_renovated_m AS numeric), 1),
            'stalls_planned', trim_scale(stalls_planned), 'stalls_added', trim_scale(stalls_added)) ORDER BY key)
        FROM groups WHERE dim = 'status'), '[]'),
    'by_renovation_year', coalesce((SELECT json_agg(json_build_object('renovation_year', CAST(key AS integer),
            'compounds', compounds, 'completed', completed, 'households', households,
            'completed_households', completed_households, 'site_area_m2', round(site_area_m2, 1),
            'completed_site_area_m2', round(completed_site_area_m2, 1),
            'pipe_planned_m', round(CAST(pipe_planned_m AS numeric), 1),
            'pipe_renovated_m', round(CAST(pipe_renovated_m AS numeric), 1),
            'stalls_planned', trim_scale(stalls_planned), 'stalls_added', trim_scale(stalls_added)) ORDER BY CAST(key AS integer) NULLS LAST)
        FROM groups WHERE dim = 'year'), '[]'),
    'by_district', coalesce((SELECT json_agg(json_build_object('district', key,
            'compounds', compounds, 'completed', completed, 'households', households,
            'completed_households', completed_households, 'site_area_m2', round(site_area_m2, 1),
            'completed_site_area_m2', round(completed_site_area_m2, 1),
            'pipe_planned_m', round(CAST(pipe_planned_m AS numeric), 1),
            'pipe_renovated_m', round(CAST(pipe_renovated_m AS numeric), 1),
            'stalls_planned', trim_scale(stalls_planned), 'stalls_added', trim_scale(stalls_added)) ORDER BY key NULLS LAST)
        FROM groups WHERE dim = 'district'), '[]'),
    'pipes', json_build_object(
        'planned_m', (SELECT json_build_object(
                'YS', round(CAST(coalesce(sum(length_m) FILTER (WHERE network = 'YS'), 0) AS numeric), 1),
                'WS', round(CAST(coalesce(sum(length_m) FILTER (WHERE network = 'WS'), 0) AS numeric), 1),
                'HS', round(CAST(coalesce(sum(length_m) FILTER (WHERE network = 'HS'), 0) AS numeric), 1),
                'total', round(CAST(coalesce(sum(length_m), 0) AS numeric), 1)) FROM pipes),
        'renovated_m', (SELECT json_build_object(
                'YS', round(CAST(coalesce(sum(length_m) FILTER (WHERE network = 'YS'), 0) AS numeric), 1),
                'WS', round(CAST(coalesce(sum(length_m) FILTER (WHERE network = 'WS'), 0) AS numeric), 1),
                'HS', round(CAST(coalesce(sum(length_m) FILTER (WHERE network = 'HS'), 0) AS numeric), 1),
                'total', round(CAST(coalesce(sum(length_m), 0) AS numeric), 1)) FROM pipes WHERE status = 'existing' AND done),
        'surveyed_m', (SELECT json_build_object(
                'YS', round(CAST(coalesce(sum(length_m) FILTER (WHERE network = 'YS'), 0) AS numeric), 1),
                'WS', round(CAST(coalesce(sum(length_m) FILTER (WHERE network = 'WS'), 0) AS numeric), 1),
                'HS', round(CAST(coalesce(sum(length_m) FILTER (WHERE network = 'HS'), 0) AS numeric), 1),
                'total', round(CAST(coalesce(sum(length_m), 0) AS numeric), 1)) FROM pipes WHERE status = 'existing'),
        'design_m', (SELECT json_build_object(
                'YS', round(CAST(coalesce(sum(length_m) FILTER (WHERE network = 'YS'), 0) AS numeric), 1),
                'WS', round(CAST(coalesce(sum(length_m) FILTER (WHERE network = 'WS'), 0) AS numeric), 1),
                'HS', round(CAST(coalesce(sum(length_m) FILTER (WHERE network = 'HS'), 0) AS numeric), 1),
                'total', round(CAST(coalesce(sum(length_m), 0) AS numeric), 1)) FROM pipes WHERE status = 'design'),
        'register', json_build_object(
            'planned_m', (SELECT round(coalesce(sum(planned), 0), 1) FROM items
                          WHERE item IN ('rain_pipe_m', 'sewer_pipe_m', 'drainage_pipe_m')),
            'done_m', (SELECT round(coalesce(sum(done), 0), 1) FROM items
                       WHERE item IN ('rain_pipe_m', 'sewer_pipe_m', 'drainage_pipe_m')))),
    'stalls_added', json_build_object(
        'planned', (SELECT coalesce(sum(planned), 0) FROM items WHERE item = 'stalls_added'),
        'done', (SELECT coalesce(sum(done), 0) FROM items WHERE item = 'stalls_added')),
    'progress', json_build_object(
        'dated_by', 'started_on, completed_on, accepted_on',
        'by_year', coalesce((SELECT json_agg(json_build_object('year', year, 'started', started,
                'completed', completed, 'accepted', accepted, 'completed_to_date', completed_to_date) ORDER BY year)
            FROM progress), '[]'),
        'completed_undated', (SELECT count(*) FROM c WHERE done AND completed_on IS NULL))
) AS dashboard
