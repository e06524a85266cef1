-- Staging tables hold uploads only until they are committed or discarded: they need no crash safety, and
-- writing them without WAL makes an import much faster. After a crash PostgreSQL empties them; a commit
-- checks that its survey's staged rows are all there (SurveyStore) and otherwise asks for a new upload.
ALTER TABLE staged_compound SET UNLOGGED;
ALTER TABLE staged_building SET UNLOGGED;
ALTER TABLE staged_pipe_point SET UNLOGGED;
ALTER TABLE staged_pipe SET UNLOGGED;
ALTER TABLE staged_fire_lane SET UNLOGGED;
ALTER TABLE staged_obstacle SET UNLOGGED;
ALTER TABLE staged_parking_stall SET UNLOGGED;

-- The end-on-point check builds its own spatial index over a survey's points when it needs one.
DROP INDEX IF EXISTS staged_pipe_point_geom;
