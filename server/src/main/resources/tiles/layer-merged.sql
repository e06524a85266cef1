(SELECT COALESCE(ST_AsMVT(layer, '${layer}', ${extent}, 'geom'), ''::bytea)
   FROM (SELECT ST_AsMVTGeom(${lines}, (SELECT envelope FROM tile), ${extent}, ${buffer}, true) AS geom${attributes}
           FROM ${table} f
          WHERE f.geom && (SELECT search_box FROM tile) AND f.valid_to IS NULL
          GROUP BY ${groupBy}
         OFFSET 0) layer
  WHERE layer.geom IS NOT NULL)
