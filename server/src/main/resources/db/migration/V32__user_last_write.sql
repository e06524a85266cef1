-- Read-your-writes across server processes (issue 13 point 3): each user's last write as the primary's WAL position
-- after it. Any server behind the proxy sends that user's reads to the primary until the replica it would use has
-- replayed this position, so a surveyor whose commit went through one server and whose next read reaches another
-- still sees the commit. Written and read on the primary only, one row per user (an upsert), so it never grows past
-- the number of users who write.
CREATE TABLE user_last_write (
    username   text PRIMARY KEY,
    wal_lsn    pg_lsn NOT NULL,
    written_at timestamptz NOT NULL DEFAULT now()
);
