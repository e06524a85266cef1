(SELECT COALESCE(ST_AsMVT(layer, '${layer}', ${extent}, 'geom'), ''::bytea)
   FROM (SELECT ST_CollectionExtract(ST_Collect(clipped.geom), 2) AS geom${groupedAttributes}
           FROM (SELECT ST_AsMVTGeom(ST_Simplify(f.geom, (SELECT tolerance FROM tile), true), (SELECT envelope FROM tile), ${extent}, ${buffer}, true) AS geom${attributes}
                   FROM ${table} f
                  WHERE f.geom && (SELECT margin_box FROM tile)) clipped
          GROUP BY ${groupBy}
         OFFSET 0) layer
  WHERE NOT ST_IsEmpty(layer.geom))
