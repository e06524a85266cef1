package cn.compoundgis.survey.shapefile;

import java.util.Map;

/**
 * Something about a layer that did not stop its reading (a missing .shx, an unknown .cpg ...).
 *
 * @param code   stable and machine-readable (shx_missing, cpg_unknown ...)
 * @param text   for people, in English
 * @param params what the text says, by name, for a client's own wording (issue 14 point 5)
 */
public record LayerWarning(String code, String text, Map<String, Object> params) {
    public LayerWarning {
        params = Map.copyOf(params);
    }
}
