-- Registers a local city grid, or replaces the one of that name (survey/stage/LocalGrids.save).
INSERT INTO local_grid (name, target_srid, parameters, fit_report)
VALUES (:name, :target_srid, :parameters::jsonb, :fit_report::jsonb)
ON CONFLICT (name) DO UPDATE SET target_srid = EXCLUDED.target_srid, parameters = EXCLUDED.parameters,
    fit_report = EXCLUDED.fit_report, created_at = now()
