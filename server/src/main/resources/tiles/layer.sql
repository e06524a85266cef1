(SELECT COALESCE(ST_AsMVT(layer, '${layer}', ${extent}, 'geom'${featureId}), ''::bytea)
   FROM (SELECT ST_AsMVTGeom(${geometry}, (SELECT envelope FROM tile), ${extent}, ${buffer}, true) AS geom${attributes}
           FROM ${table} f
          WHERE f.geom && (SELECT search_box FROM tile) AND f.valid_to IS NULL
         OFFSET 0) layer
  WHERE layer.geom IS NOT NULL)
