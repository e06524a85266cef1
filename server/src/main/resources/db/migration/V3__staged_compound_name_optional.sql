-- A boundary layer in a re-survey may carry no name: the commit keeps the compound's current one.
ALTER TABLE staged_compound ALTER COLUMN name DROP NOT NULL;
