package cn.compoundgis.survey.shapefile;

import cn.compoundgis.http.Message;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses how to decode a DBF's text, in this order: what the uploader said; the .cpg file; the DBF's
 * language-driver byte; else the bytes themselves (valid UTF-8 → UTF-8, otherwise GBK). GBK is decoded
 * as GB18030, its superset, so that no valid GBK text can fail.
 */
public final class TextEncoding {
    public static final Charset GBK = Charset.forName("GB18030");
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** .cpg spellings seen in survey deliveries (ArcGIS writes "ANSI" for the system code page: GBK in China). */
    private static final Map<String, Charset> CPG_NAMES = Map.ofEntries(
            Map.entry("UTF-8", StandardCharsets.UTF_8), Map.entry("UTF8", StandardCharsets.UTF_8),
            Map.entry("65001", StandardCharsets.UTF_8),
            Map.entry("GBK", GBK), Map.entry("CP936", GBK), Map.entry("936", GBK), Map.entry("MS936", GBK),
            Map.entry("WINDOWS-936", GBK), Map.entry("GB2312", GBK), Map.entry("GB18030", GBK),
            Map.entry("ANSI", GBK), Map.entry("ANSI 936", GBK),
            Map.entry("1252", WINDOWS_1252), Map.entry("ANSI 1252", WINDOWS_1252), Map.entry("CP1252", WINDOWS_1252),
            Map.entry("ISO-8859-1", StandardCharsets.ISO_8859_1), Map.entry("88591", StandardCharsets.ISO_8859_1));

    /** dBASE language driver ids for GBK (code page 936). */
    private static final List<Integer> GBK_LANGUAGE_DRIVERS = List.of(0x4D, 0x7A);

    /** The chosen charset and a sentence saying how it was chosen, for the validation report. */
    public record Choice(Charset charset, String how, Message said, Optional<LayerWarning> warning) {
        public String name() {
            return charset.equals(GBK) ? "GBK" : charset.name();
        }
    }

    private TextEncoding() {
    }

    public static Choice choose(Optional<String> requested, Optional<String> cpg, int languageDriver, List<byte[]> samples) {
        if (requested.isPresent()) {
            Charset charset = byName(requested.get()).orElseThrow(() -> new IllegalArgumentException(
                    "encoding=" + requested.get() + " is not an encoding this server knows (try GBK or UTF-8)"));
            return new Choice(charset, "given with the upload (encoding=" + requested.get() + ")",
                    Message.of("given", "encoding", requested.get()), Optional.empty());
        }
        Optional<LayerWarning> cpgWarning = Optional.empty();
        if (cpg.isPresent()) {
            Optional<Charset> fromCpg = byName(cpg.get());
            if (fromCpg.isPresent()) {
                return new Choice(fromCpg.get(), ".cpg file says " + cpg.get().strip(),
                        Message.of("cpg", "cpg", cpg.get().strip()), Optional.empty());
            }
            cpgWarning = Optional.of(new LayerWarning("cpg_unknown", ".cpg file says '" + cpg.get().strip()
                    + "', which is not a known encoding; ignored", Map.of("cpg", cpg.get().strip())));
        }
        if (GBK_LANGUAGE_DRIVERS.contains(languageDriver)) {
            return new Choice(GBK, String.format("DBF language driver byte 0x%02X (code page 936)", languageDriver),
                    Message.of("language_driver", "byte", String.format("0x%02X", languageDriver)), cpgWarning);
        }
        return detect(samples, cpgWarning);
    }

    private static Choice detect(List<byte[]> samples, Optional<LayerWarning> warning) {
        boolean utf8 = samples.stream().allMatch(b -> FieldNames.decodesCleanly(b, StandardCharsets.UTF_8));
        if (utf8) {
            return new Choice(StandardCharsets.UTF_8, "detected: no .cpg or language byte, and all text is valid UTF-8",
                    Message.of("detected_utf8"), warning);
        }
        boolean gbk = samples.stream().allMatch(b -> FieldNames.decodesCleanly(b, GBK));
        String how = "detected: no .cpg or language byte, and the text is not valid UTF-8"
                + (gbk ? ", but is valid GBK" : "");
        Optional<LayerWarning> detectWarning = gbk ? warning : Optional.of(new LayerWarning("text_not_utf8_or_gbk",
                "some text is valid neither as UTF-8 nor as GBK; give encoding= if the Chinese text looks wrong", Map.of()));
        return new Choice(GBK, how, Message.of(gbk ? "detected_gbk" : "detected_neither"), detectWarning);
    }

    static Optional<Charset> byName(String name) {
        String key = name.strip().toUpperCase(Locale.ROOT);
        Charset known = CPG_NAMES.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        try {
            return Optional.of(Charset.forName(key));
        } catch (UnsupportedCharsetException | java.nio.charset.IllegalCharsetNameException e) {
            return Optional.empty();
        }
    }
}
