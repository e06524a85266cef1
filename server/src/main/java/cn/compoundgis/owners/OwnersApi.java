package cn.compoundgis.owners;

import cn.compoundgis.audit.Actor;
import cn.compoundgis.http.ApiError;
import cn.compoundgis.http.Requests;
import cn.compoundgis.http.Responses;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The register of pipe owners' contacts (issue 14 point 2): {@code GET /api/owners} lists it; {@code PUT
 * /api/owners/{name}} registers or replaces one owner's {@code phone}, {@code emergency_phone} and {@code address}
 * (JSON; null or absent clears), audited. The dig report names each owner of its items with these.
 */
public final class OwnersApi {
    static final int MAX_NAME_CHARS = 100;
    static final int MAX_PHONE_CHARS = 40;
    static final int MAX_ADDRESS_CHARS = 200;
    private static final Set<String> FIELDS = Set.of("phone", "emergency_phone", "address");
    /** Digits and what Chinese numbers are written with: 0550-5012345, +86 138 0000 0000, 12345转6, (0550)5012345. */
    private static final Pattern PHONE = Pattern.compile("[0-9+()\\-\\s转#,/]+");

    private final OwnerStore store;

    public OwnersApi(DataSource dataSource) {
        this.store = new OwnerStore(dataSource);
    }

    public void list(Context ctx) throws SQLException {
        Responses.json(ctx, 200, Map.of("owners", store.list().stream().map(OwnerContact::toJson).toList()));
    }

    public void save(Context ctx) throws SQLException {
        String name = ownerName(ctx.pathParam("name"));
        ObjectNode body = Requests.jsonBody(ctx);
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw ApiError.badParameter("unknown field '" + field + "'; an owner has " + FIELDS)
                        .says("owner.unknown_field", "field", field);
            }
        }
        OwnerContact contact = new OwnerContact(name, phone("phone", body.get("phone")),
                phone("emergency_phone", body.get("emergency_phone")), text("address", body.get("address"), MAX_ADDRESS_CHARS),
                null, null);
        Responses.json(ctx, 200, store.save(contact, Actor.of(ctx)).toJson());
    }

    private static String ownerName(String raw) {
        String name = raw.strip();
        if (name.isEmpty() || name.length() > MAX_NAME_CHARS || name.chars().anyMatch(Character::isISOControl)) {
            throw ApiError.badParameter("the owner's name must be 1 to " + MAX_NAME_CHARS + " characters of text, as the"
                    + " surveys write it (权属单位)").says("owner.bad_name", "max", MAX_NAME_CHARS);
        }
        return name;
    }

    private static String phone(String field, JsonNode value) {
        String phone = text(field, value, MAX_PHONE_CHARS);
        if (phone != null && !PHONE.matcher(phone).matches()) {
            throw ApiError.badParameter(field + " '" + phone + "' is not a telephone number (digits, spaces, + - ( ) 转 #)")
                    .says("owner.bad_phone", "field", field, "value", phone);
        }
        return phone;
    }

    /** Text of at most max characters, or null (null, absent or blank). */
    private static String text(String field, JsonNode value, int max) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiError.badParameter(field + " must be text or null").says("value.not_text", "name", field);
        }
        String text = value.asText().strip();
        if (text.length() > max) {
            throw ApiError.badParameter(field + " is " + text.length() + " characters; at most " + max)
                    .says("value.too_long", "name", field, "n", text.length(), "max", max);
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw ApiError.badParameter(field + " holds a control character; send plain text").says("value.control_character", "name", field);
        }
        return text.isEmpty() ? null : text;
    }
}
