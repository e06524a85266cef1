-- One vector tile (issue 13), parameters: z, x, y (ST_TileEnvelope: x is the column, y the row from the top),
-- the margin of the search box as a fraction of the tile (buffer / extent), the working SRID, the simplification
-- tolerance in EPSG:3857 metres, the working SRID again. The search box is the buffered envelope (margin_box, EPSG:3857, for the overview
-- tables which are in it) transformed into the working CRS once (scalar subquery), so that "geom && box" is
-- answered by the GiST index on each table's geom. Each layer's subquery ends in OFFSET 0 so that the planner does not
-- push the layer's "geom IS NOT NULL" (or "NOT ST_IsEmpty") into it: pushed down, ST_AsMVTGeom (or the collected
-- lines) is computed twice for every row, which made a z13 tile of the 1 M-pipe city take 41 ms instead of 18.
-- The box's edges are projected as straight lines between its corners: their true images bulge by at most 0.22 m at
-- z13 (14 m at z10) against a margin of 65 m (520 m): only a feature within that much of the margin's outer edge may
-- be left out, never one in the tile.
-- linear: the map from the working CRS to EPSG:3857 that matches ST_Transform over this tile (migration V34), which
-- the fine zooms apply instead of projecting every vertex (tiles.json "projection").
WITH e AS (
    SELECT ST_TileEnvelope(?, ?, ?) AS envelope, ST_TileEnvelope(?, ?, ?, margin => ?) AS margin_box
), tile AS (
    SELECT envelope, margin_box, ST_Transform(margin_box, ?::integer) AS search_box, CAST(? AS double precision) AS tolerance,
           tile_linear_map(envelope, ?::integer) AS linear
      FROM e
)
SELECT ${layers} AS mvt
