package cn.compoundgis.compounds;

import cn.compoundgis.http.ApiError;

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
}
