-- The linear map from the working CRS to EPSG:3857 that best matches ST_Transform over one tile (issue 13): the
-- vector tiles of the fine zooms (tiles.json "projection") apply it with ST_Affine instead of projecting every vertex
-- with PROJ, which was a quarter of the time of a dense z16 tile. Both CRSs are conformal, so over a few hundred metres
-- the one is the other rotated (meridian convergence), scaled and shifted, up to second-order terms.
--
-- The map is exact at the tile's centre; its matrix is the inverse of ST_Transform's Jacobian there, taken by central
-- differences over half a tile. PL/pgSQL, and the five points in one ST_Transform: in a SQL function each
-- ST_Transform call set up its PROJ transformation again in every query (3.4 ms a tile against 0.4). Answer: {a, b, d, e, xoff, yoff} of ST_Affine(geom, a, b, d, e, xoff, yoff), i.e.
-- x' = a x + b y + xoff, y' = d x + e y + yoff. TileProjectionTest measures how far it is from ST_Transform.
CREATE FUNCTION tile_linear_map(envelope geometry, working_srid integer) RETURNS double precision[]
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE AS $$
DECLARE
    cx constant double precision := (ST_XMin(envelope) + ST_XMax(envelope)) / 2;
    cy constant double precision := (ST_YMin(envelope) + ST_YMax(envelope)) / 2;
    h constant double precision := (ST_XMax(envelope) - ST_XMin(envelope)) / 2;
    p constant geometry := ST_Transform(ST_SetSRID(ST_Collect(ARRAY[ST_MakePoint(cx, cy), ST_MakePoint(cx + h, cy),
        ST_MakePoint(cx - h, cy), ST_MakePoint(cx, cy + h), ST_MakePoint(cx, cy - h)]), ST_SRID(envelope)), working_srid);
    jxx constant double precision := (ST_X(ST_GeometryN(p, 2)) - ST_X(ST_GeometryN(p, 3))) / (2 * h);
    jyx constant double precision := (ST_Y(ST_GeometryN(p, 2)) - ST_Y(ST_GeometryN(p, 3))) / (2 * h);
    jxy constant double precision := (ST_X(ST_GeometryN(p, 4)) - ST_X(ST_GeometryN(p, 5))) / (2 * h);
    jyy constant double precision := (ST_Y(ST_GeometryN(p, 4)) - ST_Y(ST_GeometryN(p, 5))) / (2 * h);
    det constant double precision := jxx * jyy - jxy * jyx;
    a constant double precision := jyy / det;
    b constant double precision := -jxy / det;
    d constant double precision := -jyx / det;
    e constant double precision := jxx / det;
    x0 constant double precision := ST_X(ST_GeometryN(p, 1));
    y0 constant double precision := ST_Y(ST_GeometryN(p, 1));
BEGIN
    RETURN ARRAY[a, b, d, e, cx - (a * x0 + b * y0), cy - (d * x0 + e * y0)];
END $$;
