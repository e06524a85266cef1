package cn.compoundgis.checks.clearance;

import cn.compoundgis.checks.Pipe;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The classes of GB 50289's tables a pipe belongs to (clearance-rules.json "pipe_classes"): its network's
 * tag ({@code drainage}, {@code water}, {@code gas} …) and the splits the tables make: water d ≤ 200 / > 200,
 * gas by pressure class, power and telecom buried or in conduit/duct.
 */
final class PipeTags {
    static final String GAS = "gas";
    static final String WATER = "water";
    static final String POWER = "power";
    static final String TELECOM = "telecom";

    private final Map<String, List<String>> networkTags;
    private final int waterSplitMm;
    private final String gasPressureWhenUnknown;
    private final List<String> conduitWords;

    private PipeTags(Map<String, List<String>> networkTags, int waterSplitMm, String gasPressureWhenUnknown,
                     List<String> conduitWords) {
        this.networkTags = networkTags;
        this.waterSplitMm = waterSplitMm;
        this.gasPressureWhenUnknown = gasPressureWhenUnknown;
        this.conduitWords = conduitWords;
    }

    static PipeTags from(JsonNode classes) {
        Map<String, List<String>> byNetwork = new HashMap<>();
        classes.path("network_tags").fields().forEachRemaining(e -> {
            List<String> tags = new ArrayList<>();
            e.getValue().forEach(t -> tags.add(t.asText()));
            byNetwork.put(e.getKey(), List.copyOf(tags));
        });
        List<String> words = new ArrayList<>();
        classes.path("cable_conduit_burial_words").forEach(w -> words.add(w.asText().toLowerCase(Locale.ROOT)));
        return new PipeTags(Map.copyOf(byNetwork), classes.path("water_size_split_mm").asInt(),
                classes.path("gas_pressure_when_unknown").asText(), List.copyOf(words));
    }

    /** The tags of a pipe; {@code assumptions} collects what had to be assumed (e.g. an unknown gas pressure class). */
    Set<String> of(Pipe p, List<String> assumptions) {
        Set<String> tags = new LinkedHashSet<>(networkTags.getOrDefault(p.network(), List.of()));
        if (tags.contains(WATER)) {
            if (p.nominalMm() == null) {
                assumptions.add("water pipe " + label(p) + ": size unknown, checked as d > " + waterSplitMm + " mm");
            }
            boolean small = p.nominalMm() != null && p.nominalMm() <= waterSplitMm;
            tags.add(small ? "water_d_le_" + waterSplitMm : "water_d_gt_" + waterSplitMm);
        }
        if (tags.contains(GAS)) {
            String pressure = p.pressureClass();
            if (pressure == null || pressure.isBlank()) {
                pressure = gasPressureWhenUnknown;
                assumptions.add("gas pipe " + label(p) + ": pressure class unknown, checked as " + pressure);
            }
            tags.add("gas_" + pressure);
        }
        if (tags.contains(POWER)) {
            tags.add(inConduit(p) ? "power_conduit" : "power_buried");
        }
        if (tags.contains(TELECOM)) {
            tags.add(inConduit(p) ? "telecom_duct" : "telecom_buried");
        }
        return tags;
    }

    /** Power and telecom in a conduit, duct bank or trench, by the words of the burial method. */
    boolean inConduit(Pipe p) {
        String burial = p.burialMethod();
        if (burial == null) {
            return false;
        }
        String b = burial.toLowerCase(Locale.ROOT);
        return conduitWords.stream().anyMatch(b::contains);
    }

    static String label(Pipe p) {
        String ends = p.startNo() != null || p.endNo() != null ? p.startNo() + "–" + p.endNo() : String.valueOf(p.id());
        return p.network() + " " + ends;
    }
}
