package cn.compoundgis.web;

import cn.compoundgis.features.FeaturesApi;
import cn.compoundgis.http.ApiError;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/**
 * {@code GET /}: the map page for a browser ({@code ?f=html}, Accept: text/html), the OGC API landing page for JSON
 * clients.
 */
final class HomePage {
    private static final String MAP_PAGE = "/web/index.html";

    private final FeaturesApi features;

    HomePage(FeaturesApi features) {
        this.features = features;
    }

    void show(Context ctx) throws IOException {
        if (wantsHtml(ctx)) {
            serveMapPage(ctx);
        } else {
            features.landingPage(ctx);
        }
    }

    /** {@code ?f=html} or a browser's Accept header gets the map; JSON clients get the landing page. */
    static boolean wantsHtml(Context ctx) {
        String f = ctx.queryParam("f");
        if (f != null) {
            if (f.equals("html")) {
                return true;
            }
            if (f.equals("json")) {
                return false;
            }
            throw ApiError.badParameter("f=" + f + " is not offered; use f=json or f=html");
        }
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("text/html");
    }

    private static void serveMapPage(Context ctx) throws IOException {
        InputStream page = HomePage.class.getResourceAsStream(MAP_PAGE);
        if (page == null) {
            throw new IOException(MAP_PAGE + " is missing from the build");
        }
        ctx.contentType("text/html; charset=utf-8");
        ctx.result(page);
    }
}
