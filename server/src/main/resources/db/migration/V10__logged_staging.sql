-- Staged surveys must survive a database crash (issue 10 point 4): crash recovery empties UNLOGGED tables, and
-- one crashing backend (a segfault anywhere) restarts the whole cluster. The staging tables are written with
-- WAL again; they still carry no per-row foreign keys and no spatial indexes (V4, V7), and are loaded by COPY.
ALTER TABLE staged_compound SET LOGGED;
ALTER TABLE staged_building SET LOGGED;
ALTER TABLE staged_pipe_point SET LOGGED;
ALTER TABLE staged_pipe SET LOGGED;
ALTER TABLE staged_fire_lane SET LOGGED;
ALTER TABLE staged_obstacle SET LOGGED;
ALTER TABLE staged_parking_stall SET LOGGED;
