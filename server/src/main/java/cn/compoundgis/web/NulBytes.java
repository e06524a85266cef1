package cn.compoundgis.web;

import cn.compoundgis.http.ApiError;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Refuses a NUL character anywhere in a request, before any handler sees it: PostgreSQL cannot store one
 * in text, and no field of this API has a use for it. Checked: the path, every query parameter, every
 * header, urlencoded form fields and JSON bodies (as the escape backslash-u0000; a raw NUL is invalid JSON
 * anyway). Multipart uploads are checked field by field where they are read.
 */
final class NulBytes {
    private static final char NUL = '\u0000';
    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");

    private NulBytes() {
    }

    static void refuse(Context ctx) {
        if (ctx.path().indexOf(NUL) >= 0 || ctx.path().toLowerCase(Locale.ROOT).contains("%00")) {
            throw ApiError.badParameter("the path contains a NUL byte (%00)");
        }
        check("query parameter", ctx.queryParamMap());
        for (Map.Entry<String, String> header : ctx.headerMap().entrySet()) {
            if (header.getValue().indexOf(NUL) >= 0) {
                throw ApiError.badParameter("header " + header.getKey() + " contains a NUL byte");
            }
        }
        if (!BODY_METHODS.contains(ctx.method().name())) {
            return;
        }
        String type = String.valueOf(ctx.contentType()).toLowerCase(Locale.ROOT);
        if (type.startsWith("application/x-www-form-urlencoded")) {
            check("form field", ctx.formParamMap());
        } else if (type.contains("json") || ctx.contentType() == null) {
            checkJson(ctx.body());
        }
    }

    private static void check(String what, Map<String, List<String>> parameters) {
        for (Map.Entry<String, List<String>> p : parameters.entrySet()) {
            boolean bad = p.getKey().indexOf(NUL) >= 0 || p.getValue().stream().anyMatch(v -> v.indexOf(NUL) >= 0);
            if (bad) {
                throw ApiError.badParameter(what + " '" + p.getKey().replace(NUL, '?') + "' contains a NUL byte (%00)");
            }
        }
    }

    /** Finds the escape backslash-u0000 in JSON text, telling it apart from an escaped backslash followed by u0000. */
    private static void checkJson(String json) {
        int i = json.indexOf('\\');
        while (i >= 0 && i + 1 < json.length()) {
            char next = json.charAt(i + 1);
            if (next == 'u' && json.startsWith("0000", i + 2)) {
                throw ApiError.badParameter("the JSON body contains a NUL character (\\u0000) near character " + i);
            }
            i = json.indexOf('\\', i + 2);
        }
        if (json.indexOf(NUL) >= 0) {
            throw ApiError.badParameter("the JSON body contains a NUL byte");
        }
    }
}
