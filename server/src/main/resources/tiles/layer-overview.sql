(SELECT COALESCE(ST_AsMVT(layer, '${layer}', ${extent}, 'geom'), ''::bytea)
   FROM (SELECT ST_AsMVTGeom(ST_Simplify(f.geom, (SELECT tolerance FROM tile), true), (SELECT envelope FROM tile), ${extent}, ${buffer}, true) AS geom${attributes}
           FROM ${table} f
          WHERE f.geom && (SELECT margin_box FROM tile)
         OFFSET 0) layer
  WHERE layer.geom IS NOT NULL)
