-- A registered local city grid by name (survey/stage/LocalGrids.find): its target CRS and parameters.
SELECT target_srid, parameters::text FROM local_grid WHERE name = :name
