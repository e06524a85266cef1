-- Issue 11 point 4: the compound finder searches on the server. The pinyin of a name (initials "nyxc" and full
-- "nanyuexincun" for 南岳新村) is computed in Java (pinyin4j) by the search itself: initials_source is the name
-- they were computed from, so a row whose name changed, or that any writer inserted without them, is stale
-- (initials_source IS DISTINCT FROM name) and refreshed by the next search. The partial index finds those rows
-- without a scan.
ALTER TABLE compound
    ADD COLUMN name_initials text,
    ADD COLUMN name_pinyin text,
    ADD COLUMN initials_source text;

CREATE INDEX compound_pinyin_stale ON compound (id)
    WHERE valid_to IS NULL AND initials_source IS DISTINCT FROM name;

-- Prefix matches on the current versions (code C00 -> C001, initials nyx -> nyxc, pinyin nanyue -> nanyuexincun).
CREATE INDEX compound_current_code_prefix ON compound (lower(code) text_pattern_ops) WHERE valid_to IS NULL;
CREATE INDEX compound_current_initials_prefix ON compound (name_initials text_pattern_ops) WHERE valid_to IS NULL;
CREATE INDEX compound_current_pinyin_prefix ON compound (name_pinyin text_pattern_ops) WHERE valid_to IS NULL;
