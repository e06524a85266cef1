-- Tracing walks the drainage network pipe by pipe: pipes join points by start_no / end_no within a compound.
-- These indexes make each step of the walk an index lookup, however large the city.
CREATE INDEX pipe_current_start_no ON pipe (compound_code, start_no) WHERE valid_to IS NULL;
CREATE INDEX pipe_current_end_no ON pipe (compound_code, end_no) WHERE valid_to IS NULL;
