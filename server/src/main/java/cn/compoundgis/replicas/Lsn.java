package cn.compoundgis.replicas;

/** A WAL position ({@code pg_lsn}, written {@code 16/B374D848}) as a number that compares as PostgreSQL does. */
final class Lsn {
    /** Before every position: "no write to wait for". */
    static final long NONE = 0;

    private Lsn() {
    }

    static long parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a WAL position: '" + text + "'");
        }
        long high = Long.parseLong(text.substring(0, slash), 16);
        long low = Long.parseLong(text.substring(slash + 1), 16);
        return (high << 32) | low;
    }
}
