package cn.compoundgis.owners;

import cn.compoundgis.audit.Actor;
import cn.compoundgis.audit.AuditLog;
import cn.compoundgis.db.Sql;
import cn.compoundgis.db.SqlParams;
import cn.compoundgis.db.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Reads and writes the register of pipe owners' contacts (table pipe_owner). */
public final class OwnerStore {
    private final DataSource dataSource;

    public OwnerStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<OwnerContact> list() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return read(c, OwnerQueries.LIST, SqlParams.of());
        }
    }

    /** The registered contacts of these owners, by name (an owner not registered is left out). */
    public Map<String, OwnerContact> contacts(List<String> names) throws SQLException {
        Map<String, OwnerContact> byName = new LinkedHashMap<>();
        if (names.isEmpty()) {
            return byName;
        }
        try (Connection c = dataSource.getConnection()) {
            for (OwnerContact contact : read(c, OwnerQueries.BY_NAMES, SqlParams.of().array("names", "text", names))) {
                byName.put(contact.name(), contact);
            }
        }
        return byName;
    }

    /** Registers or replaces an owner's contacts and audits {@code owner.contact_changed}, in one transaction. */
    OwnerContact save(OwnerContact contact, Actor actor) throws SQLException {
        return Transactions.inTransaction(dataSource, c -> {
            OwnerContact saved = read(c, OwnerQueries.SAVE, SqlParams.of().text("name", contact.name())
                    .text("phone", contact.phone()).text("emergency_phone", contact.emergencyPhone())
                    .text("address", contact.address()).text("changed_by", actor.username())).get(0);
            Map<String, Object> detail = new LinkedHashMap<>(saved.toJson());
            detail.remove("changed_by");
            detail.remove("changed_at");
            AuditLog.record(c, actor, "owner.contact_changed", null, "pipe owner " + contact.name(), detail);
            return saved;
        });
    }

    private static List<OwnerContact> read(Connection c, String sql, SqlParams params) throws SQLException {
        List<OwnerContact> out = new ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new OwnerContact(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getObject(6, OffsetDateTime.class)));
            }
        }
        return out;
    }
}
