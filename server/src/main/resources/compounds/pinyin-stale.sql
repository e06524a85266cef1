-- Current compounds whose pinyin was not computed from their present name (new rows from any writer, renamed
-- ones); the partial index compound_pinyin_stale finds them. Rows another search is refreshing are skipped.
SELECT id, name FROM compound
WHERE valid_to IS NULL AND initials_source IS DISTINCT FROM name
ORDER BY id
LIMIT :batch
FOR UPDATE SKIP LOCKED
