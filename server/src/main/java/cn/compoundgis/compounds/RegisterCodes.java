package cn.compoundgis.compounds;

import cn.compoundgis.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The register's code tables and limits, read once from {@value #RESOURCE}: statuses in workflow order, renovation
 * categories (基础类/完善类/提升类), item categories (the seed's six aspects), renovation items with their units, and
 * the limits every write is held to. Logic asks this class; it never spells a code itself.
 */
public final class RegisterCodes {
    static final String RESOURCE = "/compounds/register.json";

    /** A code with its labels. */
    public record Code(String code, String zh, String en) {
    }

    /** A renovation item: its category and unit. */
    public record Item(String code, String category, String unit, String zh, String en) {
    }

    /** What a write may carry (register.json "limits"). */
    public record Limits(Pattern codePattern, int maxCodeChars, int maxNameChars, int maxTextChars, int maxReasonChars,
                         int maxItems, int minYear, int maxYear, long maxCount, double maxAreaM2,
                         double maxFunding10kYuan, double maxQuantity, int maxHistoryVersions, int maxOverlapWarnings,
                         int maxValidityReasonChars) {
    }

    private static final RegisterCodes LOADED = load();

    private final List<Code> statuses;
    private final Map<String, String> statusDateFields;
    private final List<Code> renovationCategories;
    private final List<Code> itemCategories;
    private final Map<String, Item> items;
    private final Limits limits;

    private final JsonNode document;

    private RegisterCodes(JsonNode root) {
        document = root;
        statuses = codes(root.path("statuses"));
        statusDateFields = new LinkedHashMap<>();
        root.path("statuses").forEach(s -> {
            if (s.hasNonNull("date_field")) {
                statusDateFields.put(s.get("code").asText(), s.get("date_field").asText());
            }
        });
        renovationCategories = codes(root.path("renovation_categories"));
        itemCategories = codes(root.path("item_categories"));
        items = new LinkedHashMap<>();
        for (JsonNode i : root.path("items")) {
            Item item = new Item(i.path("code").asText(), i.path("category").asText(), i.path("unit").asText(),
                    i.path("zh-CN").asText(), i.path("en").asText());
            if (itemCategories.stream().noneMatch(c -> c.code().equals(item.category()))) {
                throw new IllegalStateException(RESOURCE + ": item " + item.code() + " names no item category");
            }
            items.put(item.code(), item);
        }
        JsonNode l = root.path("limits");
        limits = new Limits(Pattern.compile(required(l, "code_pattern").asText()), required(l, "max_code_chars").asInt(),
                required(l, "max_name_chars").asInt(), required(l, "max_text_chars").asInt(),
                required(l, "max_reason_chars").asInt(), required(l, "max_items").asInt(),
                required(l, "min_year").asInt(), required(l, "max_year").asInt(), required(l, "max_count").asLong(),
                required(l, "max_area_m2").asDouble(), required(l, "max_funding_10k_yuan").asDouble(),
                required(l, "max_quantity").asDouble(), required(l, "max_history_versions").asInt(),
                required(l, "max_overlap_warnings").asInt(), required(l, "max_validity_reason_chars").asInt());
    }

    public static RegisterCodes get() {
        return LOADED;
    }

    private static RegisterCodes load() {
        try (InputStream in = RegisterCodes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            return new RegisterCodes(Json.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalStateException(RESOURCE + ": limits." + field + " is missing");
        }
        return v;
    }

    private static List<Code> codes(JsonNode array) {
        List<Code> out = new ArrayList<>();
        array.forEach(n -> out.add(new Code(n.path("code").asText(), n.path("zh-CN").asText(), n.path("en").asText())));
        if (out.isEmpty()) {
            throw new IllegalStateException(RESOURCE + " has an empty code table");
        }
        return List.copyOf(out);
    }

    public List<String> statusCodes() {
        return statuses.stream().map(Code::code).toList();
    }

    /** The position of a status in the workflow (0 = first), or -1 for a code that is none. */
    public int statusRank(String status) {
        return statusCodes().indexOf(status);
    }

    /** The date field a status is dated by (completed → completed_on), if it has one. */
    public Optional<String> statusDateField(String status) {
        return Optional.ofNullable(statusDateFields.get(status));
    }

    /** The status dates in workflow order (planned_on, started_on, completed_on, accepted_on). */
    public List<String> statusDateFieldsInOrder() {
        return statusCodes().stream().map(statusDateFields::get).filter(java.util.Objects::nonNull).toList();
    }

    public List<String> renovationCategoryCodes() {
        return renovationCategories.stream().map(Code::code).toList();
    }

    public List<String> itemCategoryCodes() {
        return itemCategories.stream().map(Code::code).toList();
    }

    public List<String> itemCodes() {
        return List.copyOf(items.keySet());
    }

    public Optional<Item> item(String code) {
        return Optional.ofNullable(items.get(code));
    }

    /** The file as read, for clients (the editor's drop-down lists and labels). */
    public JsonNode document() {
        return document.deepCopy();
    }

    public Limits limits() {
        return limits;
    }

    /** A whole-number limit of register.json that only one reader needs (max_listed_districts ...). */
    public int limit(String name) {
        return required(document.path("limits"), name).asInt();
    }
}
