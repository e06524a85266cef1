package cn.compoundgis.compounds;

import cn.compoundgis.http.ApiError;
import cn.compoundgis.http.Requests;
import io.javalin.http.Context;

/**
 * The rule for a compound code (register.json limits: at most max_code_chars of letters, digits, '.', '_', '-'),
 * for every way compounds come in (this API, a survey's boundary layer, a list import): a code that does not pass
 * could not be reached at /api/compounds/{code}. A refusal is a 400 naming the code.
 */
public final class CompoundCode {
    private CompoundCode() {
    }

    /** The code itself when it is acceptable; an ApiError (400) saying why not otherwise. */
    public static String checked(String code) {
        if (code == null) {
            throw cn.compoundgis.http.ApiError.badParameter("code is required (the compound code 小区编码, e.g. C001)");
        }
        return CompoundInput.checkedCode(code, RegisterCodes.get().limits());
    }

    /**
     * The required query parameter {@code compound}: trimmed, and refused with a 400 naming the parameter when it is
     * missing or could not be a compound code (so it never reaches SQL as a code no compound can have).
     */
    public static String queryParam(Context ctx) {
        String code = Requests.required(ctx, "compound", "compound=C001");
        try {
            return CompoundInput.checkedCode(code, RegisterCodes.get().limits());
        } catch (ApiError e) {
            throw ApiError.badParameter("compound=" + CompoundInput.shown(code) + " is not a compound code: " + e.getMessage());
        }
    }
}
