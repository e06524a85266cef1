package cn.compoundgis.checks.dig;

import cn.compoundgis.http.Requests;
import cn.compoundgis.http.Responses;
import cn.compoundgis.checks.CheckGate;
import cn.compoundgis.checks.CheckRules;
import cn.compoundgis.geo.Crs;
import cn.compoundgis.geo.CrsRegistry;
import cn.compoundgis.accounts.CurrentUser;
import cn.compoundgis.accounts.User;
import cn.compoundgis.http.ApiError;
import cn.compoundgis.owners.OwnerStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * {@code POST /api/checks/dig}: every pipe and pipe point in a pit (a polygon) or trench (a line with a width),
 * with its depth range inside and whether a dig to the given depth will expose it. Areas beyond
 * 500 m × 500 m (dig-rules.json) are refused. {@code crs} as for the features API, CRS84 by default; in a
 * Gauss-Kruger CRS either axis order is read ({@code axis_order} in the answer). The answer's {@code coverage}
 * says how much of the area lies in surveyed compounds, with a warning where it does not.
 */
public final class DigApi {
    private final DigStore store;
    private final CrsRegistry crsRegistry;
    private final DigRules rules;
    private final DigEvaluator evaluator;
    private final DigReportWriter writer = new DigReportWriter();
    private final DigReportPdf pdf = new DigReportPdf();
    private final CheckGate gate;
    private final OwnerStore owners;

    /**
     * {@code dataSource}: the checks' connections (each check one rolled-back transaction under the gate's timeout);
     * {@code primary}: where the reports made are recorded (dig_report), committed.
     */
    public DigApi(DataSource dataSource, DataSource primary, int workingSrid, CheckRules rules, CheckGate gate) {
        this.gate = gate;
        this.store = new DigStore(dataSource, primary, workingSrid);
        this.crsRegistry = new CrsRegistry(workingSrid);
        this.rules = rules.dig();
        this.evaluator = new DigEvaluator(rules);
        this.owners = new OwnerStore(dataSource);
    }

    public void dig(Context ctx) throws SQLException, IOException {
        Crs crs = Requests.crs(ctx, crsRegistry);
        Checked checked = check(ctx, crs, crs);
        ctx.header("Content-Crs", "<" + crs.uri() + ">");
        Responses.geoJson(ctx, checked.answer());
    }

    /**
     * {@code POST /api/checks/dig/report.pdf}: the same check as a numbered PDF report made by the server (the
     * request's geometry in {@code crs} as for the check; the report's coordinates in the working CRS), recorded in
     * dig_report with who asked for it.
     */
    public void reportPdf(Context ctx) throws SQLException, IOException {
        Crs in = Requests.crs(ctx, crsRegistry);
        Crs working = crsRegistry.storage();
        Checked checked = check(ctx, in, working);
        User user = CurrentUser.required(ctx);
        java.nio.file.Path font = DigReportPdf.fontFile(); // without one: 503 before a report number is spent
        DigReportPdf.Issued issued = store.recordReport(user.username(), checked.area(), checked.request().digDepthM(),
                checked.items().size(), checked.answer());
        String requester = user.displayName() == null || user.displayName().isBlank()
                ? user.username() : user.displayName() + "（" + user.username() + "）";
        byte[] document = pdf.write(checked.answer(), issued, requester, working, store.compounds(checked.answer()), font);
        ctx.contentType("application/pdf");
        ctx.header("Content-Disposition", "attachment; filename=\"" + issued.number() + ".pdf\"");
        ctx.result(document);
    }

    /** One dig check: the area, its pipes and points, and the answer, read in {@code in} and written in {@code out}. */
    private record Checked(DigRequest request, DigArea area, List<DigItem> items, ObjectNode answer) {
    }

    private Checked check(Context ctx, Crs in, Crs out) throws SQLException {
        DigRequest request = DigRequest.parse(ctx.body(), ctx.queryParam("width"), ctx.queryParam("depth"), in, rules);
        DigArea area = store.area(request, in, out);
        refuseIfTooLarge(area);
        int max = gate.limits().digMaxPipesAndPoints();
        List<DigEvaluator.PipeCandidate> pipes = store.pipes(area, out, rules.candidateRadiusM(), max + 1);
        List<DigEvaluator.PointCandidate> points = store.points(area, out, rules.candidateRadiusM(), max + 1 - pipes.size());
        if (pipes.size() + points.size() > max) {
            throw ApiError.overLimit("more than " + max + " pipes and pipe points lie in or near the dig area; one dig check"
                    + " reports at most " + max + " (max_pipes_and_points in check-limits.json): split the area")
                    .says("dig.too_many_items", "max", max);
        }
        List<DigItem> items = evaluator.evaluate(area, pipes, points, request.digDepthM());
        ObjectNode answer = writer.report(area, request, items, store.coverage(area), rules, out.uri(), OffsetDateTime.now());
        writer.owners(answer, owners::contacts);
        return new Checked(request, area, items, answer);
    }

    private void refuseIfTooLarge(DigArea area) {
        if (area.areaM2() <= 0) {
            throw ApiError.badParameter("the dig area has no area: draw a polygon, or give a trench a width").says("dig.no_area");
        }
        if (area.widthM() > rules.maxExtentM() || area.heightM() > rules.maxExtentM()) {
            throw ApiError.badParameter(String.format(Locale.ROOT,
                    "the dig area spans %.0f m × %.0f m; one dig check covers at most %.0f m × %.0f m (as the KLIC"
                            + " service limits): split the area", area.widthM(), area.heightM(), rules.maxExtentM(),
                    rules.maxExtentM())).says("dig.too_large", "width", Math.round(area.widthM()), "height", Math.round(area.heightM()),
                    "max", Math.round(rules.maxExtentM()));
        }
    }
}
