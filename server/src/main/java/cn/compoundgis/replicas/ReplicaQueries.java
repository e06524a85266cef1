package cn.compoundgis.replicas;

/** The SQL of read routing: where the primary's WAL is, and how far a replica has replayed it. */
final class ReplicaQueries {
    /** On the primary, after a commit: a WAL position at or past the commit record. */
    static final String PRIMARY_WAL_LSN = "SELECT pg_current_wal_lsn()::text";

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
