package cn.compoundgis.db;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The values of a {@link NamedSql} statement by name, each with its SQL type, so that a null is a NULL of the right
 * type (a boxed null Long is a bigint NULL, which PostgreSQL can compare and cast). Build with the typed setters
 * ({@code SqlParams.of().text("code", code).bigint("id", id)}) or from a map ({@link #from}).
 */
public final class SqlParams {
    /** How one value is set at one position. */
    @FunctionalInterface
    interface Setter {
        void set(PreparedStatement ps, int index) throws SQLException;
    }

    /** A typed setter for the values of one Java class, as {@link #from} picks it. */
    private record Typed<T>(Class<T> type, TypedSetter<T> setter) {
        SqlParams put(SqlParams params, String name, Object value) {
            return setter.put(params, name, type.cast(value));
        }
    }

    @FunctionalInterface
    private interface TypedSetter<T> {
        SqlParams put(SqlParams params, String name, T value);
    }

    private static final List<Typed<?>> TYPED = List.of(new Typed<>(String.class, SqlParams::text),
            new Typed<>(Integer.class, SqlParams::integer), new Typed<>(Long.class, SqlParams::bigint),
            new Typed<>(Double.class, SqlParams::float8), new Typed<>(Boolean.class, SqlParams::bool),
            new Typed<>(LocalDate.class, SqlParams::date), new Typed<>(OffsetDateTime.class, SqlParams::timestamp),
            new Typed<>(Timestamp.class, SqlParams::timestamp), new Typed<>(byte[].class, SqlParams::bytes));

    /** The PostgreSQL element type of each Java array a map may hold. */
    private static final Map<Class<?>, String> ARRAY_TYPES = Map.of(String.class, "text", Long.class, "bigint",
            Integer.class, "integer", Double.class, "float8");

    private final Map<String, Setter> values = new LinkedHashMap<>();

    private SqlParams() {
    }

    public static SqlParams of() {
        return new SqlParams();
    }

    /**
     * The values of a map, typed by their Java class (String, Integer, Long, Double, Boolean, LocalDate,
     * OffsetDateTime, Timestamp, byte[], String[], Long[], Double[], Integer[]); a null is bound untyped and left
     * for PostgreSQL to infer, so give typed nulls through the setters where the statement does not cast.
     */
    public static SqlParams from(Map<String, ?> map) {
        SqlParams p = of();
        map.forEach(p::value);
        return p;
    }

    public SqlParams text(String name, String value) {
        return put(name, (ps, i) -> ps.setString(i, value));
    }

    public SqlParams integer(String name, Integer value) {
        return put(name, (ps, i) -> ps.setObject(i, value, Types.INTEGER));
    }

    public SqlParams bigint(String name, Long value) {
        return put(name, (ps, i) -> ps.setObject(i, value, Types.BIGINT));
    }

    public SqlParams float8(String name, Double value) {
        return put(name, (ps, i) -> ps.setObject(i, value, Types.DOUBLE));
    }

    public SqlParams bool(String name, Boolean value) {
        return put(name, (ps, i) -> ps.setObject(i, value, Types.BOOLEAN));
    }

    public SqlParams date(String name, LocalDate value) {
        return put(name, (ps, i) -> {
            if (value == null) {
                ps.setNull(i, Types.DATE);
            } else {
                ps.setObject(i, value);
            }
        });
    }

    public SqlParams timestamp(String name, OffsetDateTime value) {
        return put(name, (ps, i) -> ps.setObject(i, value, Types.TIMESTAMP_WITH_TIMEZONE));
    }

    /** A timestamp read from the database (such as a transaction's now()) and written back as it was read. */
    public SqlParams timestamp(String name, Timestamp value) {
        return put(name, (ps, i) -> ps.setTimestamp(i, value));
    }

    public SqlParams bytes(String name, byte[] value) {
        return put(name, (ps, i) -> ps.setBytes(i, value));
    }

    /**
     * An array of PostgreSQL type {@code elementType} ("text", "bigint", "float8", …). A null is a NULL that JDBC
     * cannot type: where PostgreSQL must know the type, cast it in the SQL ({@code :codes::text[]}).
     */
    public SqlParams array(String name, String elementType, Collection<?> values) {
        return array(name, elementType, values == null ? null : values.toArray());
    }

    public SqlParams array(String name, String elementType, Object[] values) {
        return put(name, (ps, i) -> {
            if (values == null) {
                ps.setNull(i, Types.ARRAY);
            } else {
                ps.setArray(i, ps.getConnection().createArrayOf(elementType, values));
            }
        });
    }

    private SqlParams value(String name, Object v) {
        if (v == null) {
            return put(name, (ps, i) -> ps.setNull(i, Types.OTHER));
        }
        for (Typed<?> typed : TYPED) {
            if (typed.type().isInstance(v)) {
                return typed.put(this, name, v);
            }
        }
        if (v instanceof Object[] a && ARRAY_TYPES.containsKey(a.getClass().getComponentType())) {
            return array(name, ARRAY_TYPES.get(a.getClass().getComponentType()), a);
        }
        throw new IllegalArgumentException("SQL parameter :" + name + " has a value of type "
                + v.getClass().getName() + ", which has no SQL type here; use a typed setter of SqlParams");
    }

    private SqlParams put(String name, Setter setter) {
        if (values.putIfAbsent(name, setter) != null) {
            throw new IllegalArgumentException("SQL parameter :" + name + " is given twice");
        }
        return this;
    }

    Set<String> names() {
        return values.keySet();
    }

    /** Sets every position of {@code sql}; refuses a name without a value, and a value no position uses. */
    void bind(PreparedStatement ps, NamedSql sql) throws SQLException {
        for (String name : sql.names()) {
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("SQL parameter :" + name + " has no value (given: "
                        + String.join(", ", values.keySet()) + ")");
            }
        }
        for (String name : values.keySet()) {
            if (!sql.names().contains(name)) {
                throw new IllegalArgumentException("a value is given for :" + name + ", which the statement does not use"
                        + " (its parameters: " + String.join(", ", sql.names()) + ")");
            }
        }
        int index = 0;
        for (String name : sql.positions()) {
            values.get(name).set(ps, ++index);
        }
    }
}
