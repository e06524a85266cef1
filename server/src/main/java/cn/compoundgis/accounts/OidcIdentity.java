package cn.compoundgis.accounts;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who a verified single sign-on token says its bearer is: the issuer and subject that find the user, the name a
 * new user gets, and the roles of this request. Roles are the claim's values that name one of ours (any case);
 * besides {@code OIDC_ROLES_CLAIM} Keycloak's realm roles ({@code realm_access.roles}) and the client roles of
 * the audience ({@code resource_access.<audience>.roles}) count. A token naming none has the default role.
 */
record OidcIdentity(String issuer, String subject, String username, String displayName, Set<Role> roles) {
    private static final String NAME_CLAIM = "name";
    /** As the app_user.username check of migration V24 allows. */
    private static final int MAX_USERNAME_CHARS = 64;
    private static final Pattern NOT_NAME_CHARS = Pattern.compile("[^A-Za-z0-9_.@-]+");
    private static final Pattern NOT_LEADING = Pattern.compile("^[^A-Za-z0-9]+");

    static OidcIdentity of(JWTClaimsSet claims, OidcSettings settings) {
        String subject = claims.getSubject();
        Object name = claims.getClaim(settings.usernameClaim());
        String username = name instanceof String text && !text.isBlank() ? text : subject;
        Object display = claims.getClaim(NAME_CLAIM);
        return new OidcIdentity(claims.getIssuer(), subject, username,
                display instanceof String text && !text.isBlank() ? text : null, roles(claims, settings));
    }

    /**
     * The name a new user gets at the {@code attempt}th try: the username claim cut to the characters a user name
     * may have ({@code oidc-<subject>} when none is left, as of a name in Chinese), with {@code -2}, {@code -3}…
     * after the first try, as another user has the name.
     */
    String username(int attempt) {
        String base = allowed(username);
        if (base.isEmpty()) {
            base = allowed("oidc-" + subject);
        }
        String suffix = attempt <= 1 ? "" : "-" + attempt;
        return base.substring(0, Math.min(base.length(), MAX_USERNAME_CHARS - suffix.length())) + suffix;
    }

    private static String allowed(String name) {
        return NOT_LEADING.matcher(NOT_NAME_CHARS.matcher(name.trim()).replaceAll("-")).replaceAll("");
    }

    private static Set<Role> roles(JWTClaimsSet claims, OidcSettings settings) {
        List<String> values = new ArrayList<>();
        values.addAll(claimValues(claims, settings.rolesClaim()));
        values.addAll(claimValues(claims, "realm_access.roles"));
        values.addAll(claimValues(claims, "resource_access." + settings.audience() + ".roles"));
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (String value : values) {
            for (Role role : Role.values()) {
                if (role.code().equals(value.trim().toLowerCase(Locale.ROOT))) {
                    roles.add(role);
                }
            }
        }
        return roles.isEmpty() ? Set.of(settings.defaultRole()) : Set.copyOf(roles);
    }

    /**
     * The strings of claim {@code name}: a top-level claim of that name (Auth0's names are URLs with dots), else
     * the path of its dotted parts through nested objects; a list, or one string of space- or comma-separated values.
     */
    private static List<String> claimValues(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        if (value == null) {
            value = claims.getClaims();
            for (String part : name.split("\\.")) {
                value = value instanceof Map<?, ?> map ? map.get(part) : null;
            }
        }
        if (value instanceof String text) {
            return List.of(text.split("[\\s,]+"));
        }
        if (value instanceof Collection<?> list) {
            return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return List.of();
    }
}
