package cn.compoundgis.replicas;

import cn.compoundgis.accounts.CurrentUser;
import cn.compoundgis.accounts.User;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/**
 * A route's handler run as the request's user for read routing, behind the access guard (which found the user):
 * its reads see the user's earlier writes, and a successful request that may have written records the write.
 */
public final class ReadRoutingHandler {
    private ReadRoutingHandler() {
    }

    public static Handler around(ReadRouting routing, Handler handler) {
        return ctx -> {
            String username = CurrentUser.of(ctx).map(User::username).orElse(null);
            routing.runAs(username, () -> handler.handle(ctx));
            if (username != null && mayWrite(ctx.method()) && ctx.status().getCode() < 400) {
                routing.recordWrite(username);
            }
        };
    }

    private static boolean mayWrite(HandlerType method) {
        return method != HandlerType.GET && method != HandlerType.HEAD && method != HandlerType.OPTIONS;
    }
}
