package cn.compoundgis.audit;

import cn.compoundgis.accounts.CurrentUser;
import cn.compoundgis.accounts.User;
import cn.compoundgis.http.PublicUrl;
import io.javalin.http.Context;

/** Who made a change and from where, as the audit trail records it. */
public record Actor(Long userId, String username, String clientIp) {

    /** The request's signed-in user (or {@code anonymous}) and client address. */
    public static Actor of(Context ctx) {
        String ip = PublicUrl.clientIp(ctx);
        return CurrentUser.of(ctx).map(u -> of(u, ip)).orElseGet(() -> new Actor(null, "anonymous", ip));
    }

    public static Actor of(User user, String clientIp) {
        return new Actor(user.id(), user.username(), clientIp);
    }

    /** The server itself (first start, migrations), with the reason as its name: {@code system:first-start}. */
    public static Actor system(String what) {
        return new Actor(null, "system:" + what, null);
    }
}
