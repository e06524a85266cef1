-- Issue 13: vector tiles are cached by clients and proxies (ETag). Each feature table has a change counter; a
-- statement that really changed rows of the table bumps it, so a tile's ETag (a hash of the epochs of the
-- collections in it) changes exactly when one of its collections did. Statement-level triggers with transition
-- tables: one bump per statement (a commit of 100 000 pipes is one UPDATE and one INSERT), none for a statement
-- that touched no row (a survey that delivers only pipes leaves the buildings' tiles valid).
CREATE TABLE tile_epoch (
    collection  text PRIMARY KEY,
    epoch       bigint NOT NULL DEFAULT 0,
    changed_at  timestamptz NOT NULL DEFAULT now()
);

INSERT INTO tile_epoch (collection)
VALUES ('compounds'), ('buildings'), ('pipes'), ('pipe-points'), ('fire-lanes'), ('parking'), ('obstacles');

-- TG_ARGV[0] is the collection id; every trigger names its transition table changed_rows.
CREATE FUNCTION tile_epoch_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM changed_rows) THEN
        UPDATE tile_epoch SET epoch = epoch + 1, changed_at = now() WHERE collection = TG_ARGV[0];
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION tile_epoch_bump_always() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE tile_epoch SET epoch = epoch + 1, changed_at = now() WHERE collection = TG_ARGV[0];
    RETURN NULL;
END $$;

DO $$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT * FROM (VALUES ('compound', 'compounds'), ('building', 'buildings'), ('pipe', 'pipes'),
                                   ('pipe_point', 'pipe-points'), ('fire_lane', 'fire-lanes'),
                                   ('parking_stall', 'parking'), ('obstacle', 'obstacles')) v (tab, collection)
    LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed_rows'
                       ' FOR EACH STATEMENT EXECUTE FUNCTION tile_epoch_bump(%L)', t.tab || '_tile_insert', t.tab, t.collection);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS changed_rows'
                       ' FOR EACH STATEMENT EXECUTE FUNCTION tile_epoch_bump(%L)', t.tab || '_tile_update', t.tab, t.collection);
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS changed_rows'
                       ' FOR EACH STATEMENT EXECUTE FUNCTION tile_epoch_bump(%L)', t.tab || '_tile_delete', t.tab, t.collection);
        EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I'
                       ' FOR EACH STATEMENT EXECUTE FUNCTION tile_epoch_bump_always(%L)', t.tab || '_tile_truncate', t.tab, t.collection);
    END LOOP;
END $$;
