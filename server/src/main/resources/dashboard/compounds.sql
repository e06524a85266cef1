-- The dashboard's compound table (GET /api/dashboard/compounds, …/compounds.csv, …/compounds.xlsx): one row per current compound
-- with its drainage pipe length (ST_Length of its current built YS/WS/HS pipes, kept current in compound_pipe_length
-- by triggers on pipe, V23) and its parking stalls added (the
-- register item stalls_added, done). Parameters: district, renovation_year, renovation_status (each or NULL),
-- limit, offset. ORDER_BY is replaced by a fixed, whitelisted sort expression (DashboardQueries), never by input.
WITH f AS (
    SELECT CAST(:district AS text) AS district, CAST(:batch AS integer) AS batch, CAST(:status AS text) AS status
),
c AS (
    SELECT c.code, c.name, c.district, c.renovation_status, c.renovation_year, c.households, c.site_area_m2,
           c.started_on, c.completed_on, c.accepted_on, c.property_management, c.owners_committee
    FROM compound c CROSS JOIN f
    WHERE c.valid_to IS NULL
      AND (f.district IS NULL OR c.district = f.district)
      AND (f.batch IS NULL OR c.renovation_year = f.batch)
      AND (f.status IS NULL OR c.renovation_status = f.status)
),
rows AS (
    SELECT c.*,
           (SELECT round(coalesce(sum(l.length_m), 0), 1) FROM compound_pipe_length l
            WHERE l.compound_code = c.code AND l.network IN ('YS', 'WS', 'HS') AND l.status = 'existing') AS pipe_length_m,
           (SELECT i.done_quantity FROM compound_item i
            WHERE i.compound_code = c.code AND i.valid_to IS NULL AND i.item = 'stalls_added') AS stalls_added
    FROM c
),
page AS (
    SELECT * FROM rows ORDER BY ORDER_BY LIMIT :limit OFFSET :offset
)
-- the count survives an offset past the end (one row with matched and no code)
SELECT m.matched, page.code, page.name, page.district, page.renovation_status, page.renovation_year,
       page.households, page.site_area_m2, page.pipe_length_m, page.stalls_added, page.started_on, page.completed_on,
       page.accepted_on, page.property_management, page.owners_committee
FROM (SELECT count(*) AS matched FROM c) m LEFT JOIN page ON true
ORDER BY ORDER_BY
