package cn.compoundgis.survey.recognize;

import cn.compoundgis.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads the recognition tables under /survey on the classpath (each cites where its values come from). */
final class RuleFiles {

    private RuleFiles() {
    }

    static JsonNode load(String name) {
        try (InputStream in = RuleFiles.class.getResourceAsStream("/survey/" + name)) {
            if (in == null) {
                throw new IllegalStateException("rule file /survey/" + name + " is missing from the build");
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("rule file /survey/" + name + " is not valid JSON", e);
        }
    }
}
