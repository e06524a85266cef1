-- Issue 10 point 12: each collection's extent.temporal (the oldest valid_from, the last valid_to) is an index
-- lookup rather than a scan, and datetime= queries (valid_from <= end AND valid_to > start) can use them.
CREATE INDEX compound_valid_from ON compound (valid_from);
CREATE INDEX compound_valid_to ON compound (valid_to);
CREATE INDEX building_valid_from ON building (valid_from);
CREATE INDEX building_valid_to ON building (valid_to);
CREATE INDEX pipe_point_valid_from ON pipe_point (valid_from);
CREATE INDEX pipe_point_valid_to ON pipe_point (valid_to);
CREATE INDEX pipe_valid_from ON pipe (valid_from);
CREATE INDEX pipe_valid_to ON pipe (valid_to);
CREATE INDEX fire_lane_valid_from ON fire_lane (valid_from);
CREATE INDEX fire_lane_valid_to ON fire_lane (valid_to);
CREATE INDEX obstacle_valid_from ON obstacle (valid_from);
CREATE INDEX obstacle_valid_to ON obstacle (valid_to);
CREATE INDEX parking_stall_valid_from ON parking_stall (valid_from);
CREATE INDEX parking_stall_valid_to ON parking_stall (valid_to);
