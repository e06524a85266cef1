-- Stores the pinyin computed in Java; the name check keeps a name changed meanwhile stale.
UPDATE compound c
SET name_initials = u.initials, name_pinyin = u.pinyin, initials_source = u.source
FROM unnest(CAST(:ids AS bigint[]), CAST(:initials AS text[]), CAST(:pinyin AS text[]), CAST(:source AS text[])) AS u(id, initials, pinyin, source)
WHERE c.id = u.id AND c.name = u.source
