(SELECT COALESCE(ST_AsMVT(layer, '${layer}', ${extent}, 'geom'), ''::bytea)
   FROM (SELECT ST_AsMVTGeom(${lines}, (SELECT envelope FROM tile), ${extent}, ${buffer}, true) AS geom${attributes}
           FROM ${table} f
          WHERE f.geom && (SELECT ${box} FROM tile)${current}
          GROUP BY ${groupBy}) layer
  WHERE layer.geom IS NOT NULL)
