package cn.compoundgis.checks.clearance;

import cn.compoundgis.http.ApiError;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * The limit on design pipes per request (max_design_features), checked by counting the members of the body's
 * top-level {@code features} array token by token, before the design is read into memory.
 */
final class DesignLimit {
    private static final JsonFactory JSON = new JsonFactory();

    private DesignLimit() {
    }

    /** A 413 when the body's FeatureCollection has more than {@code max} features; a body that is not one passes. */
    static void requireAtMost(String body, int max) {
        long features = count(body, max);
        if (features > max) {
            throw ApiError.tooLarge("the design has more than " + max + " pipes; one clearance check takes at most " + max
                    + " design features (max_design_features in check-limits.json): split the design")
                    .says("check.design_too_large", "max", max);
        }
    }

    /** The number of features, counting no further than {@code max} + 1; 0 when the body is not an object. */
    private static long count(String body, int max) {
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return 0;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("features".equals(name) && value == JsonToken.START_ARRAY) {
                    return members(p, max);
                }
                p.skipChildren();
            }
            return 0;
        } catch (IOException e) {
            return 0; // not JSON: DesignPipes says what is wrong with it
        }
    }

    private static long members(JsonParser p, int max) throws IOException {
        long n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY && n <= max) {
            p.skipChildren();
            n++;
        }
        return n;
    }
}
