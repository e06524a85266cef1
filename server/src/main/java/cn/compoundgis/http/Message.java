package cn.compoundgis.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the server says, as a stable code and its parameters, beside the English sentence it also sends: a client
 * words it in its user's language (the web map: web/i18n, issue 14 point 5). JSON {"code": …, "params": {…}}.
 */
public record Message(String code, Map<String, Object> params) {
    public Message {
        params = Map.copyOf(params);
    }

    /** A message from its code and parameter names and values in turn; a null value is left out. */
    public static Message of(String code, Object... namesAndValues) {
        return new Message(code, params(namesAndValues));
    }

    /** Parameters from names and values in turn; a null value (a point with no number, say) is left out. */
    public static Map<String, Object> params(Object... namesAndValues) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                params.put((String) namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return params;
    }
}
