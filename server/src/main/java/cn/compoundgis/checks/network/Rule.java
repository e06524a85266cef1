package cn.compoundgis.checks.network;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A rule of the rule file: its id, the clause it comes from (in English, and in Chinese for the map's Chinese screen)
 * and how sure that value is (verified, secondary, unconfirmed: standards.md's [V], [S], [M]).
 */
public record Rule(String id, String citation, String citationZh, String status) {
    public static final String UNCONFIRMED = "unconfirmed";

    public boolean unconfirmed() {
        return UNCONFIRMED.equals(status);
    }

    /** The same rule with a weaker standing, when a finding rests on an unconfirmed value of it. */
    Rule weakest(String otherStatus) {
        return UNCONFIRMED.equals(otherStatus) ? new Rule(id, citation, citationZh, UNCONFIRMED) : this;
    }

    Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("citation", citation);
        out.put("citation_zh", citationZh);
        out.put("status", status);
        out.put("unconfirmed", unconfirmed());
        return out;
    }
}
