package cn.compoundgis.checks.clearance;

import cn.compoundgis.http.Requests;
import cn.compoundgis.checks.CheckGate;
import cn.compoundgis.http.ApiError;
import cn.compoundgis.checks.CheckRules;
import cn.compoundgis.geo.Crs;
import cn.compoundgis.geo.CrsRegistry;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * {@code POST /api/checks/clearance}: GB 50289 clearances of design pipes (a GeoJSON FeatureCollection in the
 * body, {@code crs} as an OGC URI or EPSG:nnnn, CRS84 by default), of a staged upload ({@code ?survey=ID}), or of
 * a compound's existing pipes against each other ({@code ?compound=CODE}). Optional filters: {@code kind}
 * (horizontal, vertical) and {@code status} (comma-separated). For design pipes the answer says the axis order
 * read ({@code axis_order}) and how much of their length lies in surveyed compounds ({@code coverage}). Bounded by
 * check-limits.json: design features (413), candidate pairs (422), findings listed ({@code truncated}), time (422)
 * and checks at once (503).
 */
public final class ClearanceApi {
    private static final Logger LOG = Logger.getLogger(ClearanceApi.class.getName());
    private static final Set<String> KINDS = Set.of("horizontal", "vertical");
    private static final Set<String> STATUSES = Set.of(Finding.VIOLATION, Finding.NEEDS_APPROVAL, Finding.RULE_UNCONFIRMED,
            Finding.POSSIBLE_CONFLICT);

    private final ClearanceStore store;
    private final CrsRegistry crsRegistry;
    private final ClearanceRules rules;
    private final ClearanceEvaluator evaluator;
    private final FindingsWriter writer;
    private final CheckGate gate;

    public ClearanceApi(DataSource dataSource, int workingSrid, CheckRules rules, CheckGate gate) {
        this.gate = gate;
        this.store = new ClearanceStore(dataSource, workingSrid, gate);
        this.crsRegistry = new CrsRegistry(workingSrid);
        this.rules = rules.clearance();
        this.evaluator = new ClearanceEvaluator(rules);
        this.writer = new FindingsWriter(rules.dimensions());
    }

    public void check(Context ctx) throws SQLException, IOException {
        Crs crs = Requests.crs(ctx, crsRegistry);
        Predicate<Finding> filter = filter(ctx);
        String survey = ctx.queryParam("survey");
        String compound = ctx.queryParam("compound");
        boolean hasBody = !ctx.body().isBlank();
        int subjects = (survey != null ? 1 : 0) + (compound != null ? 1 : 0) + (hasBody ? 1 : 0);
        if (subjects != 1) {
            throw ApiError.badParameter(subjects == 0
                    ? "nothing to check: send design pipes as a GeoJSON FeatureCollection, or name ?survey=ID (a staged upload) or ?compound=CODE"
                    : "give exactly one of: design pipes in the body, ?survey=ID, ?compound=CODE")
                    .says(subjects == 0 ? "check.nothing_to_check" : "check.one_subject");
        }
        if (compound != null) {
            String code = compound.trim();
            requireCompound(code);
            answer(ctx, "compound " + compound, crs, filter, NOTHING_MORE,
                    sink -> store.compound(code, crs, rules, evaluator, sink));
        } else if (survey != null) {
            ClearanceStore.StagedSurvey staged = stagedSurvey(survey.trim());
            answer(ctx, "survey " + survey, crs, filter, NOTHING_MORE,
                    sink -> store.survey(staged, crs, rules, evaluator, sink));
        } else {
            DesignLimit.requireAtMost(ctx.body(), gate.limits().clearanceMaxDesignFeatures());
            DesignPipes.Design design = DesignPipes.parse(ctx.body(), crs);
            ObjectNode about = JsonNodeFactory.instance.objectNode();
            design.axes().writeTo(about);
            store.coverage(design.pipes(), crs).writeTo(about, "the design pipes");
            answer(ctx, design.pipes().size() + " design pipes", crs, filter, about,
                    sink -> store.design(design.pipes(), crs, crs, rules, evaluator, sink));
        }
    }

    /** The answer's own members before its findings: none for a compound or a survey. */
    private static final ObjectNode NOTHING_MORE = JsonNodeFactory.instance.objectNode();

    private interface Run {
        void into(ClearanceStore.PairSink sink) throws SQLException, IOException;
    }

    /**
     * Runs the check into a stream of findings. A failure before the first byte is an ordinary error answer; one
     * after it (the time limit reached half-way, the server stopping) ends the answer with complete: false.
     */
    private void answer(Context ctx, String subject, Crs crs, Predicate<Finding> filter, ObjectNode about, Run run)
            throws SQLException, IOException {
        FindingsStream stream = new FindingsStream(ctx, writer, filter, gate.limits(), subject, crs, about);
        try {
            run.into(stream);
            stream.finish(rules);
        } catch (SQLException | RuntimeException e) {
            if (!stream.started()) {
                throw e;
            }
            ApiError error = e instanceof ApiError a ? a : CheckGate.cancelled(e) ? gate.timeUp() : null;
            if (error == null) {
                LOG.log(Level.SEVERE, "clearance check failed after its answer began: " + subject, e);
                stream.abort("ServerError", "the check failed half-way; the findings above stand, the rest is missing;"
                        + " the error is in the server's log");
            } else {
                stream.abort(error.code(), error.getMessage() + "; the findings above stand, the rest is missing");
            }
        }
    }

    private void requireCompound(String code) throws SQLException {
        if (code.isEmpty()) {
            throw ApiError.badParameter("compound= needs a compound code, e.g. compound=C001");
        }
        if (!store.compoundExists(code)) {
            throw ApiError.notFound("no compound " + code).says("compound.not_found", "compound", code);
        }
    }

    private ClearanceStore.StagedSurvey stagedSurvey(String idText) throws SQLException {
        long id = Requests.queryId("survey", idText);
        ClearanceStore.StagedSurvey survey = store.survey(id).orElseThrow(() -> ApiError.notFound("no survey " + id).says("survey.not_found", "survey", id));
        if (!"staged".equals(survey.status())) {
            throw ApiError.conflict("survey " + id + " is " + survey.status() + ", not staged: check its compound with ?compound="
                    + survey.compound()).says("survey.not_staged", "survey", id, "status", survey.status());
        }
        return survey;
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
