package cn.compoundgis.audit;

import cn.compoundgis.db.Sql;
import cn.compoundgis.db.SqlParams;
import cn.compoundgis.http.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * Writes the audit trail: one row per change, in the transaction of the change, so that a change and its record
 * are committed or rolled back together. Actions are dotted names, object first: {@code survey.committed},
 * {@code obstacle.resolved}, {@code compound.changed}, {@code user.created}.
 */
public final class AuditLog {
    private AuditLog() {
    }

    /**
     * Records {@code action} by {@code actor} on {@code target} (an id or name such as {@code survey 42}) of
     * {@code compound} (may be null), with what changed in {@code detail} (may be empty).
     */
    public static void record(Connection c, Actor actor, String action, String compound, String target,
                              Map<String, ?> detail) throws SQLException {
        Sql.update(c, AuditQueries.INSERT, SqlParams.of().bigint("user_id", actor.userId())
                .text("username", actor.username()).text("client_ip", actor.clientIp()).text("action", action)
                .text("compound", compound).text("target", target).text("detail", json(detail)));
    }

    private static String json(Map<String, ?> detail) {
        try {
            return Json.MAPPER.writeValueAsString(detail == null ? Map.of() : detail);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit detail is not JSON: " + e.getMessage(), e);
        }
    }
}
