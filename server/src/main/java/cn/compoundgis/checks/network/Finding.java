package cn.compoundgis.checks.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One defect: its code, the rule it breaks, the pipes and points involved and where it is (the geometries
 * of the involved features, or of a single pipe end when that is where the defect sits).
 */
final class Finding {
    final String code;
    private Rule rule;
    final String description;
    final List<DrainPipe> pipes = new ArrayList<>();
    final List<DrainPoint> points = new ArrayList<>();
    final List<String> geometries = new ArrayList<>();
    final Map<String, Object> details = new LinkedHashMap<>();

    Finding(String code, Rule rule, String description) {
        this.code = code;
        this.rule = rule;
        this.description = description;
    }

    Finding pipe(DrainPipe pipe) {
        if (pipe != null && !pipes.contains(pipe)) {
            pipes.add(pipe);
            geometries.add(pipe.geojson());
        }
        return this;
    }

    Finding pipes(List<DrainPipe> all) {
        all.forEach(this::pipe);
        return this;
    }

    Finding point(DrainPoint point) {
        if (point != null && !points.contains(point)) {
            points.add(point);
            geometries.add(point.geojson());
        }
        return this;
    }

    /** A place that is neither a whole pipe nor a point, e.g. the loose end of a pipe. */
    Finding at(String geojson) {
        if (geojson != null) {
            geometries.add(geojson);
        }
        return this;
    }

    Finding detail(String key, Object value) {
        details.put(key, value);
        return this;
    }

    /** The finding rests on an unconfirmed value (e.g. one row of a table whose other rows are confirmed). */
    Finding resting(String status) {
        rule = rule.weakest(status);
        return this;
    }

    Rule rule() {
        return rule;
    }

    Map<String, Object> properties() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("code", code);
        out.put("rule", rule.toJson());
        out.put("unconfirmed", rule.unconfirmed());
        out.put("description", description);
        out.put("pipes", pipes.stream().map(DrainPipe::toJson).toList());
        out.put("points", points.stream().map(DrainPoint::toJson).toList());
        out.put("details", details);
        return out;
    }
}
