package cn.compoundgis.accounts;

import cn.compoundgis.http.ApiError;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may call a route: the rule beside each route in the route table. {@link #PUBLIC} routes answer anyone,
 * {@link #READ} routes anyone while anonymous reading is on (ANONYMOUS_READ, default on) and else any signed-in
 * user, {@link #SIGNED_IN} routes any signed-in user, and {@link #roles} routes a user holding one of the roles.
 */
public record Access(Kind kind, Set<Role> roles) {
    public enum Kind { PUBLIC, READ, SIGNED_IN, ROLES }

    public static final Access PUBLIC = new Access(Kind.PUBLIC, Set.of());
    public static final Access READ = new Access(Kind.READ, Set.of());
    public static final Access SIGNED_IN = new Access(Kind.SIGNED_IN, Set.of());

    public static Access roles(Role first, Role... more) {
        return new Access(Kind.ROLES, Set.copyOf(EnumSet.of(first, more)));
    }

    /** True for rules that no anonymous request passes, whatever the deployment says. */
    public boolean needsUser() {
        return kind == Kind.SIGNED_IN || kind == Kind.ROLES;
    }

    /** Refuses the request unless {@code user} (empty: anonymous) passes: 401 without a user, 403 with the wrong one. */
    public void check(Optional<User> user, boolean anonymousRead) {
        switch (kind) {
            case PUBLIC -> { }
            case READ -> {
                if (!anonymousRead && user.isEmpty()) {
                    throw ApiError.unauthorized("this server shows its data only to signed-in users: sign in, or send"
                            + " an API token as 'Authorization: Bearer …'").says("auth.sign_in_to_read");
                }
            }
            case SIGNED_IN -> requireUser(user);
            case ROLES -> {
                User u = requireUser(user);
                if (roles.stream().noneMatch(u::has)) {
                    throw ApiError.forbidden(u.username() + " may not do this: it needs the role " + rolesText()
                            + " (" + u.username() + " has " + u.roles().stream().map(Role::code).sorted()
                            .collect(Collectors.joining(", ")) + ")")
                            .says("auth.needs_role", "user", u.username(), "roles", roles.stream().map(Role::code).sorted().toList(), "has", u.roles().stream().map(Role::code).sorted().toList());
                }
            }
        }
    }

    private static User requireUser(Optional<User> user) {
        return user.orElseThrow(() -> ApiError.unauthorized("sign in first: this needs a signed-in user"
                + " (the map's 登录 / Sign in, or 'Authorization: Bearer <API token>')").says("auth.sign_in"));
    }

    private String rolesText() {
        return roles.stream().map(Role::code).sorted().collect(Collectors.joining(" or "));
    }

    @Override
    public String toString() {
        return switch (kind) {
            case PUBLIC -> "public";
            case READ -> "read";
            case SIGNED_IN -> "signed-in";
            case ROLES -> Arrays.stream(Role.values()).filter(roles::contains).map(Role::code)
                    .collect(Collectors.joining("|"));
        };
    }
}
