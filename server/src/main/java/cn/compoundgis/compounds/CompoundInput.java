package cn.compoundgis.compounds;

import cn.compoundgis.geo.AxisReading;
import cn.compoundgis.geo.GeometryReader;
import cn.compoundgis.geo.PostedCrs;
import cn.compoundgis.geo.PostedGeometry;
import cn.compoundgis.http.ApiError;
import cn.compoundgis.http.Params;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A POST or PATCH body of /api/compounds, checked before any SQL: every field known, every value of its kind and
 * within the limits of register.json, every code one of its code table. Values are kept as canonical text (bound
 * as {@code ?::type}); a field present with {@code null} clears it (JSON merge patch, RFC 7396).
 *
 * @param code     the compound code (POST only; PATCH takes it from the path)
 * @param fields   the register fields given, in order; a null value clears the field
 * @param boundary the boundary given, or null when absent
 * @param items    renovation items given by item code; a null value removes the item
 */
record CompoundInput(String code, Map<RegisterField, String> fields, Boundary boundary, Map<String, ItemInput> items,
                     boolean force, String reason) {

    /** The boundary of the body: cleared ({@code "boundary": null}) or a checked Polygon/MultiPolygon. */
    record Boundary(String geoJson, AxisReading axes) {
        boolean cleared() {
            return geoJson == null;
        }
    }

    /** One item of the body: the item fields given (planned_quantity, done_quantity, note, source); null clears. */
    record ItemInput(RegisterCodes.Item item, Map<String, String> values) {
    }

    static final String CODE = "code";
    static final String BOUNDARY = "boundary";
    static final String ITEMS = "items";
    static final String FORCE = "force";
    static final String REASON = "reason";
    /** Digits after the point of the numeric columns: areas numeric(12,1), funding and quantities numeric(14,2). */
    private static final int AREA_SCALE = 1;
    private static final int FUNDING_SCALE = 2;
    private static final int QUANTITY_SCALE = 2;
    static final List<String> ITEM_QUANTITIES = List.of("planned_quantity", "done_quantity");
    static final List<String> ITEM_TEXTS = List.of("note", "source");
    /** The item fields a client writes, in the column order of CURRENT_ITEMS and INSERT_ITEM (CompoundQueries). */
    static final List<String> ITEM_FIELDS = List.of("planned_quantity", "done_quantity", "note", "source");
    /** Read-only item fields: they may be sent (as GET answers them) but must agree with the code table. */
    private static final List<String> ITEM_FIXED = List.of("category", "unit", "valid_from");

    static CompoundInput forCreate(JsonNode body, PostedCrs crs, RegisterCodes codes) {
        String code = checkedCode(body.get(CODE), codes.limits());
        CompoundInput input = read(body, crs, codes, code);
        if (input.fields().get(RegisterField.NAME) == null) {
            throw ApiError.badParameter("name is required (the compound's name 小区名称)").says("compound.name_required");
        }
        return input;
    }

    static CompoundInput forPatch(String pathCode, JsonNode body, PostedCrs crs, RegisterCodes codes) {
        JsonNode code = body.get(CODE);
        if (code != null && !(code.isTextual() && code.asText().equals(pathCode))) {
            throw ApiError.badParameter("code cannot be changed (it is " + pathCode + "); leave it out of the patch")
                    .says("compound.code_fixed", "compound", pathCode);
        }
        CompoundInput input = read(body, crs, codes, pathCode);
        if (input.fields().containsKey(RegisterField.NAME) && input.fields().get(RegisterField.NAME) == null) {
            throw ApiError.badParameter("name cannot be cleared: a compound always has a name").says("compound.name_required");
        }
        return input;
    }

    /**
     * A row of a list import, as a JSON object of the same names as a POST body (cells as text, flags as booleans,
     * the boundary as GeoJSON): checked by the same rules, as a create when the code is new and as a merge patch
     * when it is {@code registered}.
     */
    static CompoundInput forImportRow(JsonNode row, boolean registered, PostedCrs crs, RegisterCodes codes) {
        String code = checkedCode(row.get(CODE), codes.limits());
        return registered ? forPatch(code, row, crs, codes) : forCreate(row, crs, codes);
    }

    /** One field of a row that does not pass, and why. */
    record FieldError(String field, String reason) {
    }

    /**
     * Every register field of {@code row} checked on its own, so that a report names all bad cells of a row, not only
     * the first; the code, boundary and cross-field rules are left to {@link #forImportRow}.
     */
    static List<FieldError> fieldErrors(JsonNode row, RegisterCodes codes) {
        List<FieldError> errors = new ArrayList<>();
        for (RegisterField field : RegisterField.values()) {
            JsonNode v = row.get(field.json);
            if (v == null) {
                continue;
            }
            try {
                value(field, v, codes);
            } catch (ApiError e) {
                errors.add(new FieldError(field.json, e.getMessage()));
            }
        }
        itemQuantityErrors(row.get(ITEMS), codes, errors);
        return errors;
    }

    /** Each quantity of each known item checked on its own too (items.rain_pipe_m.planned_quantity); the rest is read's. */
    private static void itemQuantityErrors(JsonNode items, RegisterCodes codes, List<FieldError> errors) {
        if (items == null || !items.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = items.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> item = it.next();
            if (codes.item(item.getKey()).isEmpty() || !item.getValue().isObject()) {
                continue;
            }
            for (String quantity : ITEM_QUANTITIES) {
                JsonNode v = item.getValue().get(quantity);
                String where = ITEMS + "." + item.getKey() + "." + quantity;
                if (v != null && !v.isNull()) {
                    try {
                        decimal(where, v, 0, false, codes.limits().maxQuantity(), QUANTITY_SCALE);
                    } catch (ApiError e) {
                        errors.add(new FieldError(where, e.getMessage()));
                    }
                }
            }
        }
    }

    /** The field an error message of this class is about: the name it starts with, when it is one of a body's. */
    static String fieldOf(String message) {
        String first = message.split("[ :.'\\[]", 2)[0];
        return allowedFields().contains(first) ? first : null;
    }

    /** A compound code: present, text, at most max_code_chars, of the code pattern (it is used in URLs). */
    static String checkedCode(JsonNode node, RegisterCodes.Limits limits) {
        if (node == null || node.isNull()) {
            throw ApiError.badParameter("code is required (the compound code 小区编码, e.g. C001)").says("compound.code_required");
        }
        if (!node.isTextual()) {
            throw ApiError.badParameter("code must be text, got " + brief(node));
        }
        return checkedCode(node.asText(), limits);
    }

    static String checkedCode(String code, RegisterCodes.Limits limits) {
        Params.text("code", code);
        if (code.isBlank()) {
            throw ApiError.badParameter("code is blank; a compound code is like C001").says("compound.code_required");
        }
        if (code.length() > limits.maxCodeChars()) {
            throw ApiError.badParameter("code is " + code.length() + " characters; at most " + limits.maxCodeChars())
                    .says("value.too_long", "name", "code", "n", code.length(), "max", limits.maxCodeChars());
        }
        if (!limits.codePattern().matcher(code).matches()) {
            throw ApiError.badParameter("code '" + shown(code) + "' has characters a code may not have: use letters,"
                    + " digits, '.', '_' and '-', starting with a letter or digit").says("compound.code_characters", "value", shown(code));
        }
        return code;
    }

    private static CompoundInput read(JsonNode body, PostedCrs crs, RegisterCodes codes, String code) {
        Map<RegisterField, String> fields = new LinkedHashMap<>();
        Boundary boundary = null;
        Map<String, ItemInput> items = new LinkedHashMap<>();
        boolean force = false;
        String reason = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode value = e.getValue();
            switch (name) {
                case CODE -> {
                }
                case BOUNDARY -> boundary = boundary(value, crs);
                case ITEMS -> items = items(value, codes);
                case FORCE -> force = flag(FORCE, value);
                case REASON -> reason = text(REASON, value, codes.limits().maxReasonChars());
                default -> {
                    RegisterField field = RegisterField.byJson(name).orElseThrow(() -> ApiError.badParameter(
                            "unknown field '" + shown(name) + "'; a compound has " + allowedFields()));
                    fields.put(field, value(field, value, codes));
                }
            }
        }
        if (force && reason == null) {
            throw ApiError.badParameter("force needs a reason: say why (reason) the change may go against the workflow")
                    .says("compound.force_needs_reason");
        }
        return new CompoundInput(code, fields, boundary, items, force, reason);
    }

    private static List<String> allowedFields() {
        List<String> all = new ArrayList<>(List.of(CODE));
        all.addAll(RegisterField.jsonNames());
        all.addAll(List.of(BOUNDARY, ITEMS, FORCE, REASON));
        return all;
    }

    private static Boundary boundary(JsonNode value, PostedCrs crs) {
        if (value == null || value.isNull()) {
            return new Boundary(null, null);
        }
        JsonNode g = "Feature".equals(value.path("type").asText()) ? value.path("geometry") : value;
        GeometryReader reader = new GeometryReader(crs);
        PostedGeometry checked = reader.add(g, BOUNDARY, PostedGeometry.AREAS);
        AxisReading axes = reader.resolve();
        return new Boundary(checked.geoJson(), axes);
    }

    private static Map<String, ItemInput> items(JsonNode value, RegisterCodes codes) {
        if (value == null || value.isNull()) {
            throw ApiError.badParameter("items must be an object keyed by item code, e.g. {\"rain_pipe_m\":"
                    + " {\"planned_quantity\": 1200}}; to remove one item send \"items\": {\"rain_pipe_m\": null}");
        }
        if (!value.isObject()) {
            throw ApiError.badParameter("items must be an object keyed by item code (one of " + codes.itemCodes()
                    + "), got " + brief(value));
        }
        if (value.size() > codes.limits().maxItems()) {
            throw ApiError.overLimit("items has " + value.size() + " entries; at most " + codes.limits().maxItems());
        }
        Map<String, ItemInput> items = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String where = "items." + shown(e.getKey());
            RegisterCodes.Item item = codes.item(e.getKey()).orElseThrow(() -> ApiError.badParameter(
                    where + " is not a renovation item; use one of " + codes.itemCodes()));
            items.put(item.code(), e.getValue().isNull() ? null : item(where, item, e.getValue(), codes));
        }
        return items;
    }

    private static ItemInput item(String where, RegisterCodes.Item item, JsonNode node, RegisterCodes codes) {
        if (!node.isObject()) {
            throw ApiError.badParameter(where + " must be an object like {\"planned_quantity\": 1200, \"done_quantity\":"
                    + " 800} (" + item.unit() + "), or null to remove it");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode v = e.getValue();
            if (ITEM_QUANTITIES.contains(name)) {
                values.put(name, v.isNull() ? null
                        : decimal(where + "." + name, v, 0, false, codes.limits().maxQuantity(), QUANTITY_SCALE).toPlainString());
            } else if (ITEM_TEXTS.contains(name)) {
                values.put(name, text(where + "." + name, v, codes.limits().maxTextChars()));
            } else if (name.equals("category")) {
                fixed(where, name, v, item.category(), codes.itemCategoryCodes());
            } else if (name.equals("unit")) {
                fixed(where, name, v, item.unit(), null);
            } else if (!ITEM_FIXED.contains(name)) {
                List<String> allowed = new ArrayList<>(ITEM_QUANTITIES);
                allowed.addAll(ITEM_TEXTS);
                throw ApiError.badParameter(where + ": unknown field '" + shown(name) + "'; an item has " + allowed);
            }
        }
        return new ItemInput(item, values);
    }

    /** A read-only item field sent back: a category must be a known one and the item's own, the unit the item's. */
    private static void fixed(String where, String name, JsonNode v, String expected, List<String> known) {
        if (v.isNull()) {
            return;
        }
        String got = v.asText();
        if (known != null && !known.contains(got)) {
            throw ApiError.badParameter(where + ".category '" + shown(got) + "' is not an item category; use one of " + known);
        }
        if (!got.equals(expected)) {
            throw ApiError.badParameter(where + "." + name + " is " + expected + " for this item, not '" + shown(got) + "'");
        }
    }

    /** The value of a register field as canonical text, or null to clear it. */
    static String value(RegisterField field, JsonNode v, RegisterCodes codes) {
        if (v == null || v.isNull()) {
            return null;
        }
        RegisterCodes.Limits l = codes.limits();
        String name = field.json;
        return switch (field.kind) {
            case NAME -> text(name, v, l.maxNameChars());
            case TEXT -> text(name, v, l.maxTextChars());
            case YEAR -> String.valueOf(whole(name, v, l.minYear(), l.maxYear()));
            case COUNT -> String.valueOf(whole(name, v, 0, l.maxCount()));
            case POSITIVE_COUNT -> String.valueOf(whole(name, v, 1, l.maxCount()));
            case AREA -> decimal(name, v, 0, true, l.maxAreaM2(), AREA_SCALE).toPlainString();
            case FUNDING -> decimal(name, v, 0, false, l.maxFunding10kYuan(), FUNDING_SCALE).toPlainString();
            case DATE -> Params.date(name, textOf(name, v)).toString();
            case FLAG -> String.valueOf(flag(name, v));
            case STATUS -> code(name, v, codes.statusCodes(), "status");
            case CATEGORY -> code(name, v, codes.renovationCategoryCodes(), "renovation category");
        };
    }

    private static String code(String name, JsonNode v, List<String> allowed, String what) {
        String c = textOf(name, v).trim();
        if (!allowed.contains(c)) {
            throw ApiError.badParameter(name + " '" + shown(c) + "' is not a " + what + "; use one of " + allowed)
                    .says("value.not_in_list", "name", name, "value", shown(c), "names", allowed);
        }
        return c;
    }

    private static long whole(String name, JsonNode v, long min, long max) {
        long value;
        if (v.isIntegralNumber()) {
            if (!v.canConvertToLong()) {
                throw ApiError.badParameter(name + " is out of range (" + min + " to " + max + "), got " + brief(v))
                        .says("value.between", "name", name, "value", brief(v), "min", min, "max", max);
            }
            value = v.asLong();
        } else if (v.isTextual()) {
            value = Params.whole(name, v.asText());
        } else {
            throw ApiError.badParameter(name + " must be a whole number, got " + brief(v)).says("value.not_whole", "name", name, "value", brief(v));
        }
        if (value < min || value > max) {
            throw ApiError.badParameter(name + " must lie between " + min + " and " + max + ", got " + value)
                    .says("value.between", "name", name, "value", value, "min", min, "max", max);
        }
        return value;
    }

    /**
     * A decimal rounded to the column's scale ({@code scale} digits after the point, V1/V14), so that the bounds are
     * held on the value that will be stored (0.00001 m² is stored as 0.0, which is not a site area).
     */
    private static BigDecimal decimal(String name, JsonNode v, double min, boolean aboveMin, double max, int scale) {
        if (!v.isNumber() && !v.isTextual()) {
            throw ApiError.badParameter(name + " must be a number, got " + brief(v)).says("value.not_number", "name", name, "value", brief(v));
        }
        Params.jsonNumber(name, v);
        BigDecimal exact = v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText().trim());
        BigDecimal stored = exact.setScale(scale, java.math.RoundingMode.HALF_UP);
        double value = stored.doubleValue();
        if (aboveMin ? value <= min : value < min) {
            throw ApiError.badParameter(name + " must be " + (aboveMin ? "greater than " : "at least ")
                    + (long) min + " (kept to " + scale + " decimals), got " + brief(v))
                    .says(aboveMin ? "value.not_above" : "value.below", "name", name, "value", brief(v), "min", (long) min);
        }
        if (value > max) {
            throw ApiError.badParameter(name + " must be at most " + BigDecimal.valueOf(max).toPlainString() + ", got " + brief(v))
                    .says("value.above", "name", name, "value", brief(v), "max", BigDecimal.valueOf(max).toPlainString());
        }
        return stored;
    }

    private static boolean flag(String name, JsonNode v) {
        if (!v.isBoolean()) {
            throw ApiError.badParameter(name + " must be true or false, got " + brief(v)).says("value.not_flag", "name", name);
        }
        return v.asBoolean();
    }

    private static String text(String name, JsonNode v, int maxChars) {
        if (v == null || v.isNull()) {
            return null;
        }
        String t = Params.text(name, textOf(name, v)).strip();
        if (t.length() > maxChars) {
            throw ApiError.badParameter(name + " is " + t.length() + " characters; at most " + maxChars)
                    .says("value.too_long", "name", name, "n", t.length(), "max", maxChars);
        }
        return t.isEmpty() ? null : t;
    }

    private static String textOf(String name, JsonNode v) {
        if (!v.isTextual()) {
            throw ApiError.badParameter(name + " must be text, got " + brief(v)).says("value.not_text", "name", name);
        }
        return v.asText();
    }

    static String shown(String s) {
        String t = s.replace("\u0000", "\\u0000");
        return t.length() > 60 ? t.substring(0, 60) + "…" : t;
    }

    private static String brief(JsonNode node) {
        return shown(node.toString());
    }
}
