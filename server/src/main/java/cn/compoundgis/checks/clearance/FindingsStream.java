package cn.compoundgis.checks.clearance;

import cn.compoundgis.http.Responses;
import cn.compoundgis.checks.CheckLimits;
import cn.compoundgis.geo.Crs;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.function.Predicate;

/**
 * Writes the findings to the response as the pairs are judged. Nothing is sent before the pairs are counted
 * (so a refusal is still a clean 4xx); from then on each finding goes out at once, up to {@code max_findings}
 * listed; past that the answer keeps counting and says {@code truncated: true}.
 */
final class FindingsStream implements ClearanceStore.PairSink {
    private final Context ctx;
    private final FindingsWriter writer;
    private final Predicate<Finding> filter;
    private final CheckLimits limits;
    private final String subject;
    private final Crs crs;
    private final ObjectNode about;
    private final FindingsTally tally = new FindingsTally();
    private JsonGenerator out;

    /** {@code about}: members of the answer written before its findings (axis order, coverage). */
    FindingsStream(Context ctx, FindingsWriter writer, Predicate<Finding> filter, CheckLimits limits, String subject, Crs crs,
                   ObjectNode about) {
        this.about = about;
        this.ctx = ctx;
        this.writer = writer;
        this.filter = filter;
        this.limits = limits;
        this.subject = subject;
        this.crs = crs;
    }

    @Override
    public void begin(long candidatePairs) throws IOException {
        ctx.status(200);
        ctx.header("Content-Crs", "<" + crs.uri() + ">");
        out = Responses.geoJsonStream(ctx);
        writer.head(out, subject, crs.uri(), about);
    }

    @Override
    public void accept(ClearanceEvaluator.Result result) throws IOException {
        tally.pair(result.outcome());
        Finding f = result.finding();
        if (f == null || !filter.test(f)) {
            return;
        }
        tally.matched(f);
        if (tally.returned() < limits.clearanceMaxFindings()) {
            tally.listed();
            writer.finding(out, f, tally.returned());
        }
    }

    boolean started() {
        return out != null;
    }

    void finish(ClearanceRules rules) throws IOException {
        writer.tail(out, tally, rules, limits);
        end();
    }

    /** Ends a started answer whose work failed half-way, saying so in the answer (its status is already sent). */
    void abort(String code, String description) throws IOException {
        writer.incomplete(out, tally, code, description);
        end();
    }

    private void end() throws IOException {
        out.writeEndObject();
        out.flush();
    }
}
