package cn.compoundgis.compounds;

import cn.compoundgis.audit.Actor;
import cn.compoundgis.audit.AuditLog;
import cn.compoundgis.db.Sql;
import cn.compoundgis.db.SqlParams;
import cn.compoundgis.geo.Crs;
import cn.compoundgis.geo.PostedCrs;
import cn.compoundgis.http.ApiError;
import cn.compoundgis.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The compound register's writes and reads. A create, or a change (the current version closed, the next one written,
 * items likewise), is one transaction: whatever fails, nothing of it is kept. Writers of one code queue on an
 * advisory lock, so a duplicate code or a lost update cannot slip between the check and the write.
 */
record CompoundStore(DataSource dataSource, int workingSrid, RegisterCodes codes) {
    private static final String UNIQUE_VIOLATION = "23505";

    /** What a write did: whether a new version was written, and the warnings (overlapping boundaries). */
    record Written(boolean changed, ArrayNode warnings, List<String> changedFields) {
        Written(boolean changed, ArrayNode warnings) {
            this(changed, warnings, List.of());
        }
    }

    /** Which way a version came in (compound.changed_via, V14). */
    enum Via {
        API("api"), IMPORT("import");

        final String value;

        Via(String value) {
            this.value = value;
        }
    }

    /** Who writes a version (compound.changed_by: the user's name) and which way. */
    record Author(String username, Via via) {
        static Author api(Actor actor) {
            return new Author(actor.username(), Via.API);
        }
    }

    private interface Work {
        Written run(Connection c) throws SQLException;
    }

    /** A create through the API, audited {@code compound.created}. */
    Written create(CompoundInput input, PostedCrs crs, Actor actor) throws SQLException {
        return inTransaction(input.code(), c -> {
            Written written = createIn(c, input, crs, Author.api(actor));
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("name", input.fields().get(RegisterField.NAME));
            detail.put("fields", input.fields().keySet().stream().map(f -> f.json).toList());
            detail.put("boundary", input.boundary() != null && !input.boundary().cleared());
            AuditLog.record(c, actor, "compound.created", input.code(), "compound " + input.code(), detail);
            return written;
        });
    }

    /** A create inside the caller's transaction (the code already locked). */
    Written createIn(Connection c, CompoundInput input, PostedCrs crs, Author by) throws SQLException {
        checkDateOrder(input.fields());
        if (currentId(c, input.code()) != null) {
            throw ApiError.conflict("compound " + input.code() + " already exists; change it with PATCH /api/compounds/"
                    + input.code()).says("compound.exists", "compound", input.code());
        }
        String boundary = input.boundary() == null || input.boundary().cleared() ? null
                : storedBoundary(c, input.boundary(), crs);
        ArrayNode warnings = overlaps(c, input.code(), boundary);
        Timestamp at = clock(c);
        Map<RegisterField, String> values = new LinkedHashMap<>();
        for (RegisterField f : RegisterField.values()) {
            values.put(f, input.fields().get(f));
        }
        insertVersion(c, input.code(), values, boundary == null ? BoundaryWrite.none() : BoundaryWrite.of(boundary),
                null, input.reason(), at, by);
        for (CompoundInput.ItemInput item : input.items().values()) {
            if (item != null) {
                insertItem(c, input.code(), item.item(), item.values(), at, by);
            }
        }
        return new Written(true, warnings);
    }

    /** One create of {@link #createAllIn}: what was written, or why the input was refused (nothing written). */
    record Created(Written written, ApiError refused) {
    }

    /**
     * Creates of many new codes inside the caller's transaction (the codes locked), each checked and written as
     * {@link #createIn} writes one, but in a handful of statements for all of them: the boundaries checked by PostGIS
     * in one query, the versions and the items written in JDBC batches, the overlaps measured in one query as if the
     * creates had come one after the other (against the register and the inputs before). An input refused (dates out of
     * order, an invalid polygon, a code registered already) is answered with its error and not written; the others
     * are. A SQLException (PostGIS cannot read a boundary at all, or refuses a value) ends the whole call: the caller
     * rolls back to before it and writes the inputs one by one, so that the error is told of its own row.
     */
    List<Created> createAllIn(Connection c, List<CompoundInput> inputs, PostedCrs crs, Author by) throws SQLException {
        ApiError[] refused = new ApiError[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            try {
                checkDateOrder(inputs.get(i).fields());
            } catch (ApiError e) {
                refused[i] = e;
            }
        }
        refuseRegistered(c, inputs, refused);
        String[] boundaries = storedBoundaries(c, inputs, refused, crs);
        Timestamp at = clock(c);
        List<String> written = new ArrayList<>();
        try (PreparedStatement versions = c.prepareStatement(CompoundQueries.insertVersionRow(CompoundQueries.NEW_BOUNDARY));
             PreparedStatement items = c.prepareStatement(CompoundQueries.INSERT_ITEM)) {
            for (int i = 0; i < inputs.size(); i++) {
                if (refused[i] != null) {
                    continue;
                }
                CompoundInput input = inputs.get(i);
                Map<RegisterField, String> values = new LinkedHashMap<>();
                for (RegisterField f : RegisterField.values()) {
                    values.put(f, input.fields().get(f));
                }
                // NEW_BOUNDARY of a null hex is a NULL boundary: one statement for the inputs with and without
                bindVersion(versions, input.code(), values, BoundaryWrite.of(boundaries[i]), input.code(), null, null,
                        input.reason(), at, by);
                versions.addBatch();
                for (CompoundInput.ItemInput item : input.items().values()) {
                    if (item != null) {
                        bindItem(items, input.code(), item.item(), item.values(), at, by);
                        items.addBatch();
                    }
                }
                written.add(input.code());
            }
            versions.executeBatch();
            items.executeBatch();
        }
        Map<String, ArrayNode> warnings = overlapsOfCreated(c, written);
        List<Created> out = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            out.add(refused[i] != null ? new Created(null, refused[i]) : new Created(new Written(true,
                    warnings.getOrDefault(inputs.get(i).code(), Json.MAPPER.createArrayNode())), null));
        }
        return out;
    }

    /** The inputs whose code has a current version already are refused as {@link #createIn} refuses one. */
    private static void refuseRegistered(Connection c, List<CompoundInput> inputs, ApiError[] refused) throws SQLException {
        Set<String> registered = new HashSet<>();
        SqlParams params = SqlParams.of().array("codes", "text", inputs.stream().map(CompoundInput::code).toList());
        try (PreparedStatement ps = Sql.prepare(c, CompoundQueries.CURRENT_CODES, params)) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    registered.add(rs.getString(1));
                }
            }
        }
        for (int i = 0; i < inputs.size(); i++) {
            String code = inputs.get(i).code();
            if (refused[i] == null && registered.contains(code)) {
                refused[i] = ApiError.conflict("compound " + code + " already exists; change it with PATCH /api/compounds/"
                        + code).says("compound.exists", "compound", code);
            }
        }
    }

    /**
     * The boundaries of the inputs not yet refused, checked by PostGIS in one query and ready to store (EWKB hex; null
     * without a boundary); an input whose boundary is not a valid polygon is refused as {@link #storedBoundary} does.
     */
    private String[] storedBoundaries(Connection c, List<CompoundInput> inputs, ApiError[] refused, PostedCrs crs)
            throws SQLException {
        String[] hex = new String[inputs.size()];
        List<Integer> posted = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            CompoundInput.Boundary b = inputs.get(i).boundary();
            if (refused[i] == null && b != null && !b.cleared()) {
                posted.add(i);
            }
        }
        if (posted.isEmpty()) {
            return hex;
        }
        String sql = CompoundQueries.postedBoundaries(crs, workingSrid, codes.limits().maxValidityReasonChars());
        SqlParams boundaries = SqlParams.of().array("boundaries", "text",
                posted.stream().map(i -> inputs.get(i).boundary().geoJson()).toList());
        try (PreparedStatement ps = Sql.prepare(c, sql, boundaries)) {
            try (ResultSet rs = ps.executeQuery()) {
                for (int i : posted) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        hex[i] = HexFormat.of().formatHex(rs.getBytes(3));
                    } else {
                        refused[i] = ApiError.badParameter("boundary is not a valid polygon: " + rs.getString(2))
                            .says("compound.boundary_invalid", "postgis", rs.getString(2));
                    }
                }
            }
        }
        return hex;
    }

    /** The overlap warnings of compounds just created (by code), each as {@link #overlaps} words them. */
    private Map<String, ArrayNode> overlapsOfCreated(Connection c, List<String> created) throws SQLException {
        Map<String, ArrayNode> warnings = new HashMap<>();
        try (PreparedStatement ps = Sql.prepare(c, CompoundQueries.OVERLAPS_OF_CREATED,
                SqlParams.of().array("codes", "text", created))) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ArrayNode of = warnings.computeIfAbsent(rs.getString(1), k -> Json.MAPPER.createArrayNode());
                    if (of.size() < codes.limits().maxOverlapWarnings()) {
                        addOverlapWarning(of, rs.getString(2), rs.getDouble(3));
                    }
                }
            }
        }
        return warnings;
    }

    /**
     * A change that only goes through while the current version is one of {@code expected} (the ETags of an
     * {@code If-Match}; null for any): an editor that read version N does not overwrite a version N+1 it never saw.
     * The check is made after the code's lock is taken, so no writer can slip between it and the write.
     */
    Written change(CompoundInput input, PostedCrs crs, java.util.Set<Long> expected, Actor actor) throws SQLException {
        return inTransaction(input.code(), c -> {
            Long current = currentId(c, input.code());
            if (expected != null && current != null && !expected.contains(current)) {
                throw ApiError.of(412, "PreconditionFailed", "compound " + input.code() + " was changed by someone else"
                        + " since version " + expected.iterator().next() + " was read (it is version " + current
                        + " now); nothing was written: read GET /api/compounds/" + input.code() + " again and"
                        + " apply the change to it")
                        .says("compound.changed_meanwhile", "compound", input.code(), "version", current);
            }
            Written written = changeIn(c, input, crs, Author.api(actor));
            if (written.changed()) {
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("fields", written.changedFields());
                detail.put("from_version", current);
                if (input.reason() != null) {
                    detail.put("reason", input.reason());
                }
                AuditLog.record(c, actor, "compound.changed", input.code(), "compound " + input.code(), detail);
            }
            return written;
        });
    }

    /** A change inside the caller's transaction (the code already locked). */
    Written changeIn(Connection c, CompoundInput input, PostedCrs crs, Author by) throws SQLException {
        Map<RegisterField, String> current = new LinkedHashMap<>();
        Long id = currentFields(c, input.code(), current);
        if (id == null) {
            throw ApiError.notFound("no compound " + input.code() + "; create it with POST /api/compounds")
                    .says("compound.not_found", "compound", input.code());
        }
        Map<RegisterField, String> next = new LinkedHashMap<>(current);
        next.putAll(input.fields());
        checkStatusMove(current.get(RegisterField.RENOVATION_STATUS), next.get(RegisterField.RENOVATION_STATUS), input);
        checkDateOrder(next);
        BoundaryWrite boundary = BoundaryWrite.kept(id);
        ArrayNode warnings = Json.MAPPER.createArrayNode();
        if (input.boundary() != null) {
            String stored = input.boundary().cleared() ? null : storedBoundary(c, input.boundary(), crs);
            warnings = overlaps(c, input.code(), stored);
            boundary = stored == null ? BoundaryWrite.none() : BoundaryWrite.of(stored);
        }
        // items not given are left as they are: no need to read (and lock) them, as most import rows give none
        Map<String, CurrentItem> items = input.items().isEmpty() ? Map.of() : currentItems(c, input.code());
        List<ItemChange> itemChanges = itemChanges(items, input.items());
        List<String> changedFields = changedFields(current, next);
        if (input.boundary() != null && !sameBoundary(c, id, boundary)) {
            changedFields.add(CompoundInput.BOUNDARY);
        }
        itemChanges.forEach(ch -> changedFields.add(CompoundInput.ITEMS + "." + ch.item().code()));
        boolean fieldsChanged = !sameValues(current, next);
        if (!fieldsChanged && (by.via() == Via.IMPORT ? !changedFields.contains(CompoundInput.BOUNDARY)
                : input.boundary() == null) && itemChanges.isEmpty()) {
            return new Written(false, warnings);
        }
        Timestamp at = clock(c);
        close(c, CompoundQueries.CLOSE_VERSION, id, at);
        insertVersion(c, input.code(), next, boundary, id, input.reason(), at, by);
        for (ItemChange change : itemChanges) {
            if (change.current() != null) {
                close(c, CompoundQueries.CLOSE_ITEM, change.current().id(), at);
            }
            if (change.next() != null) {
                insertItem(c, input.code(), change.item(), change.next(), at, by);
            }
        }
        return new Written(true, warnings, changedFields);
    }

    private static List<String> changedFields(Map<RegisterField, String> a, Map<RegisterField, String> b) {
        List<String> changed = new ArrayList<>();
        for (RegisterField f : RegisterField.values()) {
            if (!sameValue(f, a.get(f), b.get(f))) {
                changed.add(f.json);
            }
        }
        return changed;
    }

    /** Whether the boundary the new version would get is the same shape as version {@code id}'s. */
    private static boolean sameBoundary(Connection c, long id, BoundaryWrite boundary) throws SQLException {
        if (boundary.keptFrom() != null) {
            return true;
        }
        return Sql.exists(c, CompoundQueries.SAME_BOUNDARY, SqlParams.of().text("boundary", boundary.hex()).bigint("id", id));
    }

    private Written inTransaction(String code, Work work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Sql.run(c, CompoundQueries.LOCK_CODE, byCode(code));
                Written written = work.run(c);
                c.commit();
                return written;
            } catch (SQLException e) {
                c.rollback();
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw ApiError.conflict("compound " + code + " was written by another request at the same moment;"
                            + " nothing was changed by this one: look at GET /api/compounds/" + code + " and try again")
                            .says("compound.written_meanwhile", "compound", code);
                }
                throw e;
            } catch (RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** Status moves forward along the workflow; backwards (or cleared) only with force and a reason. */
    private void checkStatusMove(String from, String to, CompoundInput input) {
        if (from == null || Objects.equals(from, to) || input.force()) {
            return;
        }
        if (to == null || codes.statusRank(to) < codes.statusRank(from)) {
            throw ApiError.badParameter("renovation_status cannot go back from " + from + " to " + to + " (the order is "
                    + codes.statusCodes() + "); send \"force\": true with a \"reason\" to correct a mistake")
                    .says("compound.status_back", "from", from, "to", to);
        }
    }

    /** The status dates follow the workflow: planned_on ≤ started_on ≤ completed_on ≤ accepted_on, where given. */
    void checkDateOrder(Map<RegisterField, String> values) {
        String earlierField = null;
        String earlier = null;
        for (String name : codes.statusDateFieldsInOrder()) {
            String date = RegisterField.byJson(name).map(values::get).orElse(null);
            if (date == null) {
                continue;
            }
            if (earlier != null && date.compareTo(earlier) < 0) {
                throw ApiError.badParameter(name + " " + date + " is before " + earlierField + " " + earlier
                        + "; the dates follow the workflow " + codes.statusDateFieldsInOrder())
                        .says("compound.date_order", "field", name, "value", date, "earlierField", earlierField, "earlier", earlier);
            }
            earlierField = name;
            earlier = date;
        }
    }

    private boolean sameValues(Map<RegisterField, String> a, Map<RegisterField, String> b) {
        for (RegisterField f : RegisterField.values()) {
            if (!sameValue(f, a.get(f), b.get(f))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameValue(RegisterField f, String a, String b) {
        if (a == null || b == null) {
            return a == null && b == null;
        }
        boolean numeric = f.kind == RegisterField.Kind.AREA || f.kind == RegisterField.Kind.FUNDING;
        return numeric ? new BigDecimal(a).compareTo(new BigDecimal(b)) == 0 : a.equals(b);
    }

    private static Long currentId(Connection c, String code) throws SQLException {
        return Sql.optionalLong(c, CompoundQueries.CURRENT_ID, byCode(code)).orElse(null);
    }

    /** The id of the current version of {@code code} (locked), its fields put into {@code values}; null when none. */
    private static Long currentFields(Connection c, String code, Map<RegisterField, String> values) throws SQLException {
        try (PreparedStatement ps = Sql.prepare(c, CompoundQueries.CURRENT_FIELDS_AS_TEXT, byCode(code))) {
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                int i = 1;
                for (RegisterField f : RegisterField.values()) {
                    values.put(f, rs.getString(++i));
                }
                return rs.getLong(1);
            }
        }
    }

    private static Timestamp clock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CompoundQueries.CLOCK); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getTimestamp(1);
        }
    }

    /** The posted boundary checked by PostGIS (ST_IsValidReason) and ready to store, as EWKB hex. */
    private String storedBoundary(Connection c, CompoundInput.Boundary boundary, PostedCrs crs) throws SQLException {
        String sql = CompoundQueries.postedBoundary(crs, workingSrid, codes.limits().maxValidityReasonChars());
        try (PreparedStatement ps = Sql.prepare(c, sql, SqlParams.of().text("boundary", boundary.geoJson()));
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (!rs.getBoolean(1)) {
                throw ApiError.badParameter("boundary is not a valid polygon: " + rs.getString(2))
                            .says("compound.boundary_invalid", "postgis", rs.getString(2));
            }
            return HexFormat.of().formatHex(rs.getBytes(3));
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("XX")) {
                throw ApiError.badParameter("boundary could not be read as a polygon in " + crs.name() + ": "
                        + CompoundInput.shown(String.valueOf(e.getMessage()))).says("compound.boundary_unreadable", "crs", crs.name());
            }
            throw e;
        }
    }

    private ArrayNode overlaps(Connection c, String code, String boundary) throws SQLException {
        ArrayNode warnings = Json.MAPPER.createArrayNode();
        if (boundary == null) {
            return warnings;
        }
        SqlParams params = byCode(code).text("boundary", boundary).integer("limit", codes.limits().maxOverlapWarnings());
        try (PreparedStatement ps = Sql.prepare(c, CompoundQueries.OVERLAPS, params)) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    addOverlapWarning(warnings, rs.getString(1), rs.getDouble(2));
                }
            }
        }
        return warnings;
    }

    private static void addOverlapWarning(ArrayNode warnings, String compound, double overlapM2) {
        double m2 = Math.round(overlapM2 * 10) / 10.0;
        ObjectNode w = warnings.addObject();
        w.put("code", "BoundaryOverlap");
        w.put("field", CompoundInput.BOUNDARY);
        w.put("compound", compound);
        w.put("overlap_m2", m2);
        w.put("description", "the boundary overlaps compound " + compound + " by " + m2 + " m²");
    }

    /** How the new version gets its boundary: none, the posted one (EWKB hex) or the replaced version's. */
    private record BoundaryWrite(String sql, String hex, Long keptFrom) {
        static BoundaryWrite none() {
            return new BoundaryWrite(CompoundQueries.NO_BOUNDARY, null, null);
        }

        static BoundaryWrite of(String hex) {
            return new BoundaryWrite(CompoundQueries.NEW_BOUNDARY, hex, null);
        }

        static BoundaryWrite kept(long id) {
            return new BoundaryWrite(CompoundQueries.KEPT_BOUNDARY, null, id);
        }
    }

    private void insertVersion(Connection c, String code, Map<RegisterField, String> values, BoundaryWrite boundary,
                               Long replaced, String reason, Timestamp at, Author by) throws SQLException {
        String sourceId = code;
        Long surveyId = null;
        String extra = null;
        if (replaced != null) {
            try (PreparedStatement ps = Sql.prepare(c, CompoundQueries.PROVENANCE, SqlParams.of().bigint("id", replaced));
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                sourceId = rs.getString(1);
                // the survey that delivered the boundary stays its provenance while the boundary is kept
                surveyId = boundary.keptFrom() != null ? (Long) rs.getObject(2, Long.class) : null;
                extra = rs.getString(3);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(CompoundQueries.insertVersion(boundary.sql()))) {
            bindVersion(ps, code, values, boundary, sourceId, surveyId, extra, reason, at, by);
            ps.executeQuery().close();
        }
    }

    /** The parameters of {@link CompoundQueries#insertVersion}; a batch's boundaries are all NEW_BOUNDARY (hex or null). */
    private static void bindVersion(PreparedStatement ps, String code, Map<RegisterField, String> values,
                                    BoundaryWrite boundary, String sourceId, Long surveyId, String extra, String reason,
                                    Timestamp at, Author by) throws SQLException {
        int i = 0;
        ps.setString(++i, code);
        for (RegisterField f : RegisterField.values()) {
            ps.setString(++i, values.get(f));
        }
        if (boundary.keptFrom() != null) {
            ps.setLong(++i, boundary.keptFrom());
        } else if (boundary.sql().equals(CompoundQueries.NEW_BOUNDARY)) {
            ps.setString(++i, boundary.hex());
        }
        ps.setString(++i, sourceId);
        ps.setObject(++i, surveyId, Types.BIGINT);
        ps.setString(++i, extra);
        ps.setString(++i, by.username());
        ps.setString(++i, by.via().value);
        ps.setString(++i, reason);
        ps.setTimestamp(++i, at);
    }

    private record CurrentItem(long id, Map<String, String> values) {
    }

    /** One item to close and/or write: {@code current} null for a new item, {@code next} null for a removed one. */
    private record ItemChange(RegisterCodes.Item item, CurrentItem current, Map<String, String> next) {
    }

    private static Map<String, CurrentItem> currentItems(Connection c, String code) throws SQLException {
        Map<String, CurrentItem> items = new LinkedHashMap<>();
        try (PreparedStatement ps = Sql.prepare(c, CompoundQueries.CURRENT_ITEMS, byCode(code))) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, String> v = new LinkedHashMap<>();
                    int column = 2;
                    for (String f : CompoundInput.ITEM_FIELDS) {
                        v.put(f, rs.getString(++column));
                    }
                    items.put(rs.getString(2), new CurrentItem(rs.getLong(1), v));
                }
            }
        }
        return items;
    }

    /** The items that change: merge-patched field by field onto the current ones; unchanged ones are left alone. */
    private List<ItemChange> itemChanges(Map<String, CurrentItem> current, Map<String, CompoundInput.ItemInput> given) {
        List<ItemChange> changes = new ArrayList<>();
        for (Map.Entry<String, CompoundInput.ItemInput> e : given.entrySet()) {
            CurrentItem now = current.get(e.getKey());
            CompoundInput.ItemInput in = e.getValue();
            if (in == null) {
                if (now != null) {
                    changes.add(new ItemChange(codes.item(e.getKey()).orElseThrow(), now, null));
                }
                continue;
            }
            Map<String, String> next = new LinkedHashMap<>();
            for (String f : CompoundInput.ITEM_FIELDS) {
                next.put(f, now == null ? null : now.values().get(f));
            }
            next.putAll(in.values());
            if (now == null || !sameItem(now.values(), next)) {
                changes.add(new ItemChange(in.item(), now, next));
            }
        }
        return changes;
    }

    private static boolean sameItem(Map<String, String> a, Map<String, String> b) {
        for (String f : CompoundInput.ITEM_QUANTITIES) {
            String x = a.get(f);
            String y = b.get(f);
            if (x == null || y == null ? x != y : new BigDecimal(x).compareTo(new BigDecimal(y)) != 0) {
                return false;
            }
        }
        return CompoundInput.ITEM_TEXTS.stream().allMatch(f -> Objects.equals(a.get(f), b.get(f)));
    }

    private static void insertItem(Connection c, String code, RegisterCodes.Item item, Map<String, String> values,
                                   Timestamp at, Author by) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CompoundQueries.INSERT_ITEM)) {
            bindItem(ps, code, item, values, at, by);
            ps.executeUpdate();
        }
    }

    private static void bindItem(PreparedStatement ps, String code, RegisterCodes.Item item, Map<String, String> values,
                                 Timestamp at, Author by) throws SQLException {
        int i = 0;
        ps.setString(++i, code);
        ps.setString(++i, item.category());
        ps.setString(++i, item.code());
        ps.setString(++i, item.unit());
        for (String f : CompoundInput.ITEM_FIELDS) {
            ps.setString(++i, values.get(f));
        }
        ps.setString(++i, by.username());
        ps.setString(++i, by.via().value);
        ps.setTimestamp(++i, at);
    }

    private static void close(Connection c, String sql, long id, Timestamp at) throws SQLException {
        Sql.update(c, sql, SqlParams.of().timestamp("at", at).bigint("id", id));
    }

    /** The current register record with its items and the newest versions as history; 404 when there is none. */
    ObjectNode record(String code, Crs crs) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            String record = Sql.optionalText(c, CompoundQueries.currentRecord(crs, workingSrid), byCode(code))
                    .orElseThrow(() -> ApiError.notFound("no compound " + code).says("compound.not_found", "compound", code));
            ObjectNode out = (ObjectNode) parse(record);
            out.set("items", Sql.optionalText(c, CompoundQueries.ITEMS_JSON, byCode(code))
                    .map(CompoundStore::parse).orElseGet(Json.MAPPER::createObjectNode));
            out.put("crs", crs.uri());
            out.set("history", history(c, code));
            out.put("history_total", Sql.oneLong(c, CompoundQueries.VERSION_COUNT, byCode(code)));
            return out;
        }
    }

    /** The districts registered now, the most compounds first, at most {@code limit}. */
    List<String> districts(int limit) throws SQLException {
        List<String> districts = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = Sql.prepare(c, CompoundQueries.DISTRICTS, SqlParams.of().integer("limit", limit))) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    districts.add(rs.getString(1));
                }
            }
        }
        return districts;
    }

    private ArrayNode history(Connection c, String code) throws SQLException {
        int shown = codes.limits().maxHistoryVersions();
        List<ObjectNode> versions = new ArrayList<>();
        List<JsonNode> fields = new ArrayList<>();
        List<String> shapes = new ArrayList<>();
        List<Boolean> itemsChanged = new ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(c, CompoundQueries.VERSIONS, byCode(code).integer("limit", shown + 1))) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ObjectNode v = Json.MAPPER.createObjectNode();
                    v.put("version_id", rs.getLong(1));
                    // timestamps as PostgreSQL writes them into JSON, like the record's own
                    v.put("valid_from", rs.getString(2));
                    v.put("valid_to", rs.getString(3));
                    v.put("changed_by", rs.getString(4));
                    v.put("changed_via", rs.getString(5));
                    v.put("change_reason", rs.getString(6));
                    v.set("survey_id", rs.getObject(7) == null ? null : Json.MAPPER.getNodeFactory().numberNode(rs.getLong(7)));
                    versions.add(v);
                    fields.add(parse(rs.getString(8)));
                    shapes.add(rs.getString(9));
                    itemsChanged.add(rs.getBoolean(10));
                }
            }
        }
        ArrayNode history = Json.MAPPER.createArrayNode();
        for (int i = 0; i < Math.min(shown, versions.size()); i++) {
            ObjectNode v = versions.get(i);
            ArrayNode changed = v.putArray("changed_fields");
            boolean first = i + 1 >= versions.size();
            if (!first) {
                JsonNode older = fields.get(i + 1);
                for (Iterator<String> names = fields.get(i).fieldNames(); names.hasNext(); ) {
                    String name = names.next();
                    if (!fields.get(i).get(name).equals(older.get(name))) {
                        changed.add(name);
                    }
                }
                if (!Objects.equals(shapes.get(i), shapes.get(i + 1))) {
                    changed.add(CompoundInput.BOUNDARY);
                }
            }
            if (itemsChanged.get(i)) {
                changed.add(CompoundInput.ITEMS);
            }
            v.put("created", first && versions.size() <= shown);
            history.add(v);
        }
        return history;
    }

    private static SqlParams byCode(String code) {
        return SqlParams.of().text("code", code);
    }

    private static JsonNode parse(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
