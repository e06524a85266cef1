package cn.compoundgis.accounts;

import cn.compoundgis.http.ApiError;
import io.javalin.http.Context;
import java.util.Optional;

/** The user a request was made by, as the route's access guard found them (empty: anonymous). */
public final class CurrentUser {
    static final String ATTRIBUTE = "cn.compoundgis.user";

    private CurrentUser() {
    }

    public static Optional<User> of(Context ctx) {
        return Optional.ofNullable(ctx.attribute(ATTRIBUTE));
    }

    /** The user of a route whose rule needs one (the guard has refused anonymous requests already). */
    public static User required(Context ctx) {
        return of(ctx).orElseThrow(() -> ApiError.unauthorized("sign in first").says("auth.sign_in"));
    }

    static void set(Context ctx, User user) {
        ctx.attribute(ATTRIBUTE, user);
    }
}
