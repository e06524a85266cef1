package cn.compoundgis.checks.clearance;

import cn.compoundgis.http.Params;
import cn.compoundgis.checks.CheckRules;
import cn.compoundgis.features.Crs;
import cn.compoundgis.features.CrsRegistry;
import cn.compoundgis.geo.Coverage;
import cn.compoundgis.web.ApiError;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * {@code POST /api/checks/clearance}: GB 50289 clearances of design pipes (a GeoJSON FeatureCollection in the
 * body, {@code crs} as an OGC URI or EPSG:nnnn, CRS84 by default), of a staged upload ({@code ?survey=ID}), or of
 * a compound's existing pipes against each other ({@code ?compound=CODE}). Optional filters: {@code kind}
 * (horizontal, vertical) and {@code status} (comma-separated). For design pipes the answer says the axis order
 * read ({@code axis_order}) and how much of their length lies in surveyed compounds ({@code coverage}).
 */
public final class ClearanceApi {
    private static final Set<String> KINDS = Set.of("horizontal", "vertical");
    private static final Set<String> STATUSES = Set.of(Finding.VIOLATION, Finding.NEEDS_APPROVAL, Finding.RULE_UNCONFIRMED,
            Finding.POSSIBLE_CONFLICT);

    private final ClearanceStore store;
    private final CrsRegistry crsRegistry;
    private final ClearanceRules rules;
    private final ClearanceEvaluator evaluator;
    private final FindingsWriter writer;

    public ClearanceApi(DataSource dataSource, int workingSrid, CheckRules rules) {
        this.store = new ClearanceStore(dataSource, workingSrid);
        this.crsRegistry = new CrsRegistry(workingSrid);
        this.rules = rules.clearance();
        this.evaluator = new ClearanceEvaluator(rules);
        this.writer = new FindingsWriter(rules.dimensions());
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/checks/clearance", this::check);
    }

    private void check(Context ctx) throws SQLException {
        Crs crs = ctx.queryParam("crs") == null ? Crs.CRS84 : crsRegistry.parse("crs", ctx.queryParam("crs"));
        Predicate<Finding> filter = filter(ctx);
        String survey = ctx.queryParam("survey");
        String compound = ctx.queryParam("compound");
        boolean hasBody = !ctx.body().isBlank();
        int subjects = (survey != null ? 1 : 0) + (compound != null ? 1 : 0) + (hasBody ? 1 : 0);
        if (subjects != 1) {
            throw ApiError.badParameter(subjects == 0
                    ? "nothing to check: send design pipes as a GeoJSON FeatureCollection, or name ?survey=ID (a staged upload) or ?compound=CODE"
                    : "give exactly one of: design pipes in the body, ?survey=ID, ?compound=CODE");
        }
        ClearanceStore.Outcome outcome;
        String subject;
        DesignPipes.Design design = null;
        Coverage coverage = null;
        if (compound != null) {
            subject = "compound " + compound;
            outcome = checkCompound(compound.trim(), crs);
        } else if (survey != null) {
            subject = "survey " + survey;
            outcome = checkSurvey(survey.trim(), crs);
        } else {
            design = DesignPipes.parse(ctx.body(), crs);
            subject = design.pipes().size() + " design pipes";
            outcome = store.design(design.pipes(), crs, crs, rules, evaluator);
            coverage = store.coverage(design.pipes(), crs);
        }
        List<Finding> findings = outcome.findings().stream().filter(filter).toList();
        ObjectNode answer = writer.collection(findings, outcome.counts(), rules, crs.uri(), subject);
        if (design != null) {
            design.axes().writeTo(answer);
            coverage.writeTo(answer, "the design pipes");
        }
        ctx.header("Content-Crs", "<" + crs.uri() + ">");
        ctx.contentType("application/geo+json; charset=utf-8");
        ctx.result(answer.toString());
    }

    private ClearanceStore.Outcome checkCompound(String code, Crs crs) throws SQLException {
        if (code.isEmpty()) {
            throw ApiError.badParameter("compound= needs a compound code, e.g. compound=C001");
        }
        if (!store.compoundExists(code)) {
            throw ApiError.notFound("no compound " + code);
        }
        return store.compound(code, crs, rules, evaluator);
    }

    private ClearanceStore.Outcome checkSurvey(String idText, Crs crs) throws SQLException {
        long id = Params.whole("survey", idText);
        ClearanceStore.StagedSurvey survey = store.survey(id).orElseThrow(() -> ApiError.notFound("no survey " + id));
        if (!"staged".equals(survey.status())) {
            throw ApiError.conflict("survey " + id + " is " + survey.status() + ", not staged: check its compound with ?compound="
                    + survey.compound());
        }
        return store.survey(survey, crs, rules, evaluator);
    }

    private static Predicate<Finding> filter(Context ctx) {
        Set<String> kinds = values(ctx.queryParam("kind"), KINDS, "kind");
        Set<String> statuses = values(ctx.queryParam("status"), STATUSES, "status");
        return f -> (kinds.isEmpty() || kinds.contains(f.kind().code())) && (statuses.isEmpty() || statuses.contains(f.status()));
    }

    private static Set<String> values(String parameter, Set<String> allowed, String name) {
        if (parameter == null || parameter.isBlank()) {
            return Set.of();
        }
        Set<String> values = Set.copyOf(Arrays.stream(parameter.split(",")).map(String::trim).toList());
        for (String v : values) {
            if (!allowed.contains(v)) {
                throw ApiError.badParameter(name + "=" + v + " is not known; use " + allowed);
            }
        }
        return values;
    }
}
