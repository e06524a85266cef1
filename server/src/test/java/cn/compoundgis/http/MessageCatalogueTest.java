package cn.compoundgis.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every refusal the server words as a code ({@code ApiError.says("code", …)}) has its wording in both of the map's
 * languages (web/i18n error.msg.&lt;code&gt;), and the two tables word the same server texts (issue 14 point 5): a
 * code without wording would show the Chinese screen a generic sentence, or the English one Chinese.
 */
class MessageCatalogueTest {
    private static final String SAYS = ".says(";
    private static final Pattern LITERAL = Pattern.compile("\"([a-z_]+(?:\\.[a-z_]+)*)\"");
    private static final Pattern KEY = Pattern.compile("^\\s*'([^']+)':|,\\s*'([^']+)':", Pattern.MULTILINE);
    private static final Set<String> SERVER_TEXT_PREFIXES = Set.of("error.msg.", "reason.", "how.", "validity.", "prj.outcome.");

    @Test
    void everyCodeTheServerSaysIsWordedInChineseAndEnglish() throws IOException {
        Set<String> said = codesSaidInSources();
        assertThat(said).as("the scan finds the server's codes").contains("crs_required.no_prj", "auth.wrong_password", "value.between", "check.one_subject", "value.below",
                "survey.not_decider_no_uploader");
        Set<String> zh = keys("/web/i18n/zh-CN.js");
        Set<String> en = keys("/web/i18n/en.js");
        for (String code : said) {
            assertThat(zh).as("zh-CN wording of " + code).contains("error.msg." + code);
            assertThat(en).as("English wording of " + code).contains("error.msg." + code);
        }
    }

    @Test
    void bothLanguagesWordTheSameServerTexts() throws IOException {
        Set<String> zh = serverTextKeys(keys("/web/i18n/zh-CN.js"));
        Set<String> en = serverTextKeys(keys("/web/i18n/en.js"));
        assertThat(en).as("in zh-CN, not in English").containsAll(zh);
        assertThat(zh).as("in English, not in zh-CN").containsAll(en);
    }

    @Test
    void everyFindingCodeOfTheValidationRulesIsWordedInBothLanguages() throws IOException {
        com.fasterxml.jackson.databind.JsonNode rules;
        try (InputStream in = MessageCatalogueTest.class.getResourceAsStream("/survey/validation-rules.json")) {
            rules = Json.MAPPER.readTree(in);
        }
        Set<String> zh = keys("/web/i18n/zh-CN.js");
        Set<String> en = keys("/web/i18n/en.js");
        rules.at("/findings/codes").fieldNames().forEachRemaining(code -> {
            String base = code.startsWith("missing_") ? "reason.missing" : "reason." + code;
            assertThat(zh).as("zh-CN wording of finding " + code).anyMatch(k -> k.equals(base) || k.startsWith(base + "."));
            assertThat(en).as("English wording of finding " + code).anyMatch(k -> k.equals(base) || k.startsWith(base + "."));
        });
    }

    private static Set<String> codesSaidInSources() throws IOException {
        Set<String> codes = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                for (int at = source.indexOf(SAYS); at >= 0; at = source.indexOf(SAYS, at + 1)) {
                    Matcher m = LITERAL.matcher(firstArgument(source, at + SAYS.length()));
                    while (m.find()) {
                        codes.add(m.group(1));
                    }
                }
            }
        }
        return codes;
    }

    /** The source of a call's first argument (a code, or a conditional choosing one): up to its first top-level comma. */
    private static String firstArgument(String source, int from) {
        int depth = 0;
        for (int i = from; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth-- == 0 || c == ',' && depth == 0) {
                return source.substring(from, i);
            }
        }
        return source.substring(from);
    }

    private static Set<String> keys(String resource) throws IOException {
        try (InputStream in = MessageCatalogueTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            Matcher m = KEY.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            Set<String> keys = new TreeSet<>();
            while (m.find()) {
                keys.add(m.group(1) != null ? m.group(1) : m.group(2));
            }
            return keys;
        }
    }

    private static Set<String> serverTextKeys(Set<String> keys) {
        Set<String> out = new TreeSet<>();
        keys.stream().filter(k -> SERVER_TEXT_PREFIXES.stream().anyMatch(k::startsWith)).forEach(out::add);
        return out;
    }
}
