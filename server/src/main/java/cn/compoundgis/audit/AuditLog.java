package cn.compoundgis.audit;

import cn.compoundgis.http.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.Connection;
import java.sql.PreparedStatement;
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
        try (PreparedStatement ps = c.prepareStatement(AuditQueries.INSERT)) {
            ps.setObject(1, actor.userId());
            ps.setString(2, actor.username());
            ps.setString(3, actor.clientIp());
            ps.setString(4, action);
            ps.setString(5, compound);
            ps.setString(6, target);
            ps.setString(7, json(detail));
            ps.executeUpdate();
        }
    }

    private static String json(Map<String, ?> detail) {
        try {
            return Json.MAPPER.writeValueAsString(detail == null ? Map.of() : detail);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit detail is not JSON: " + e.getMessage(), e);
        }
    }
}
