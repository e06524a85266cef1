package cn.compoundgis.owners;

/** The SQL of the pipe owners' register (table pipe_owner, V31). */
final class OwnerQueries {
    private OwnerQueries() {
    }

    private static final String COLUMNS = "name, phone, emergency_phone, address, changed_by, changed_at";

    static final String LIST = "SELECT " + COLUMNS + " FROM pipe_owner ORDER BY name";

    static final String BY_NAMES = "SELECT " + COLUMNS + " FROM pipe_owner WHERE name = ANY (:names) ORDER BY name";

    static final String SAVE = "INSERT INTO pipe_owner (name, phone, emergency_phone, address, changed_by)"
            + " VALUES (:name, :phone, :emergency_phone, :address, :changed_by)"
            + " ON CONFLICT (name) DO UPDATE SET phone = EXCLUDED.phone, emergency_phone = EXCLUDED.emergency_phone,"
            + " address = EXCLUDED.address, changed_by = EXCLUDED.changed_by, changed_at = now()"
            + " RETURNING " + COLUMNS;
}
