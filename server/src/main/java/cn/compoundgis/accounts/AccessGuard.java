package cn.compoundgis.accounts;

import cn.compoundgis.http.ApiError;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.sql.SQLException;
import java.util.Optional;

/** Puts a route's {@link Access} rule in front of its handler: authenticates the request, then checks the rule. */
public record AccessGuard(Authenticator authenticator, boolean anonymousRead) {
    static final String CHALLENGE = "Bearer realm=\"Compound GIS\"";

    public Handler guard(Access access, Handler handler) {
        return ctx -> {
            check(ctx, access);
            handler.handle(ctx);
        };
    }

    private void check(Context ctx, Access access) throws SQLException {
        if (access.kind() == Access.Kind.PUBLIC) {
            lenient(ctx);
            return;
        }
        try {
            Optional<User> user = authenticator.authenticate(ctx);
            user.ifPresent(u -> CurrentUser.set(ctx, u));
            access.check(user, anonymousRead);
        } catch (ApiError e) {
            if (e.status() == 401) {
                ctx.header("WWW-Authenticate", CHALLENGE);
            }
            throw e;
        }
    }

    /** Public routes (sign-in, the page) answer everyone: a stale credential makes the request anonymous. */
    private void lenient(Context ctx) throws SQLException {
        try {
            authenticator.authenticate(ctx).ifPresent(u -> CurrentUser.set(ctx, u));
        } catch (ApiError e) {
            // anonymous
        }
    }
}
