package cn.compoundgis.accounts;

import cn.compoundgis.http.ApiError;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a user may do (issue 12). An administrator may do everything any other role may. */
public enum Role {
    /** Reads the map, the features and the checks that only read. */
    VIEWER,
    /** Uploads, commits and discards surveys of the compounds or districts assigned to them. */
    SURVEYOR,
    /** Runs the design checks (clearance, dig, proposed parking). */
    DESIGNER,
    /** Reports fire-lane obstacles and resolves them. */
    INSPECTOR,
    /** Users, local grids, rules and the compound register. */
    ADMIN;

    /** The role as the API and the database write it: {@code surveyor}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String field, String text) {
        for (Role role : values()) {
            if (role.code().equals(text)) {
                return role;
            }
        }
        throw ApiError.badParameter(field + " '" + text + "' is not a role (one of " + allCodes() + ")");
    }

    static String allCodes() {
        return Arrays.stream(values()).map(Role::code).collect(Collectors.joining(", "));
    }
}
