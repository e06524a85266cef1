(SELECT COALESCE(ST_AsMVT(layer, '${layer}', ${extent}, 'geom'), ''::bytea)
   FROM (SELECT ST_AsMVTGeom(ST_Transform(ST_Simplify(ST_LineMerge(ST_Collect(ST_Force2D(f.geom))), (SELECT tolerance FROM tile)), 3857),
                             (SELECT envelope FROM tile), ${extent}, ${buffer}, true) AS geom${attributes}
           FROM ${table} f
          WHERE f.geom && (SELECT search_box FROM tile) AND f.valid_to IS NULL
          GROUP BY ${groupBy}) layer
  WHERE layer.geom IS NOT NULL)
