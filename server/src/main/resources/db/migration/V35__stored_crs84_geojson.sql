-- The CRS84 GeoJSON of each current pipe and pipe point, kept by PostgreSQL beside its geometry (issue 13). Projecting
-- and writing the geometry was a sixth of PostgreSQL's time for a page of features (10 000 pipes of a 1 km2 view:
-- 77 ms against 93 at the median, alternated through psql), and the map reads these two collections by the thousand.
-- It costs 90 bytes a two-point pipe (the 1 M-pipe city's table from 205 MB to 296 MB). Replaced versions keep none:
-- setting valid_to clears it, and the features API writes their geometry as before (FeatureQueries).
--
-- The expression must stay the one FeatureQueries writes for CRS84 (ST_AsGeoJSON of ST_Transform to 4326, 8 decimals,
-- options 0); StoredGeoJsonTest compares the two.
ALTER TABLE pipe ADD COLUMN geojson_crs84 text
    GENERATED ALWAYS AS (CASE WHEN valid_to IS NULL THEN ST_AsGeoJSON(ST_Transform(geom, 4326), 8, 0) END) STORED;
ALTER TABLE pipe_point ADD COLUMN geojson_crs84 text
    GENERATED ALWAYS AS (CASE WHEN valid_to IS NULL THEN ST_AsGeoJSON(ST_Transform(geom, 4326), 8, 0) END) STORED;
