package cn.compoundgis.accounts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A signed-in user as a request sees them: who, their roles and assignments, and how they signed in
 * ({@code session}, {@code token} or {@code oidc}); {@code csrfToken} is the session's, else null.
 */
public record User(long id, String username, String displayName, Set<Role> roles, List<String> compounds,
                   List<String> districts, String via, String csrfToken) {

    /** Districts value meaning every district: the surveyor may work on any compound. */
    public static final String ALL_DISTRICTS = "*";

    public boolean has(Role role) {
        return roles.contains(role) || roles.contains(Role.ADMIN);
    }

    public boolean isAdmin() {
        return roles.contains(Role.ADMIN);
    }

    /** True when the user is assigned to every compound (admin, or districts {@code *}). */
    public boolean assignedEverywhere() {
        return isAdmin() || districts.contains(ALL_DISTRICTS);
    }

    /** The user as answers show them (never the password hash or a token). */
    public Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("username", username);
        out.put("display_name", displayName);
        out.put("roles", roles.stream().map(Role::code).sorted().toList());
        out.put("compounds", compounds);
        out.put("districts", districts);
        out.put("signed_in_via", via);
        return out;
    }
}
