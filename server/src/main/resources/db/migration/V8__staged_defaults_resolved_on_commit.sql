-- A delivery without an accuracy, status or stall-kind field must not reset those of the features it
-- re-surveys to the defaults: staged rows leave them empty, and the commit takes the current feature's
-- value, else the column's default (SurveyStore).
ALTER TABLE staged_pipe_point ALTER COLUMN accuracy_class DROP NOT NULL;
ALTER TABLE staged_pipe ALTER COLUMN status DROP NOT NULL;
ALTER TABLE staged_parking_stall ALTER COLUMN kind DROP NOT NULL;
ALTER TABLE staged_obstacle ALTER COLUMN status DROP NOT NULL;
