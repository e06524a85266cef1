package cn.compoundgis.replicas;

/** The SQL of read routing: where the primary's WAL is, and how far a replica has replayed it. */
final class ReplicaQueries {
    /**
     * On the primary, after a user's write request: the WAL position at or past its commit, kept for the user
     * (never moved back by a request that ends later with an earlier position).
     */
    static final String RECORD_WRITE = """
            INSERT INTO user_last_write (username, wal_lsn, written_at) VALUES (:username, pg_current_wal_lsn(), now())
            ON CONFLICT (username) DO UPDATE
               SET wal_lsn = greatest(user_last_write.wal_lsn, excluded.wal_lsn), written_at = now()""";

    /** On the primary: the position a user's reads must see, if they wrote within the last {@code :seconds}. */
    static final String REQUIRED_LSN = """
            SELECT wal_lsn::text FROM user_last_write
             WHERE username = :username AND written_at > now() - make_interval(secs => :seconds)""";

    /**
     * On a replica: whether it still is one, what it has replayed, and how far behind it is. A replica that has
     * replayed all it received is not behind, whatever pg_last_xact_replay_timestamp() says (on an idle primary
     * that is the time of the last commit, long ago), so the positions are compared first.
     */
    static final String REPLICA_STATUS = """
            SELECT pg_is_in_recovery(),
                   pg_last_wal_replay_lsn()::text,
                   CASE WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0
                        ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0)
                   END""";

    private ReplicaQueries() {
    }
}
