package cn.compoundgis.compounds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files of data/samples are what {@link NewCitySamples} writes (so the README's walk-through and the
 * acceptance tests use the documented data). With {@code -Dsamples.write=true} it writes them again instead.
 */
class NewCitySamplesTest {
    private static final Path SAMPLES = Path.of(System.getProperty("samples.dir", "../data/samples"));

    @TempDir
    Path dir;

    @Test
    void theCommittedSamplesAreWhatTheGeneratorWrites() throws Exception {
        if (Boolean.getBoolean("samples.write")) {
            NewCitySamples.write(SAMPLES, dir);
        }
        Path fresh = Files.createDirectories(dir.resolve("fresh"));
        NewCitySamples.write(fresh, dir);

        String register = Files.readString(SAMPLES.resolve(NewCitySamples.REGISTER), StandardCharsets.UTF_8);
        assertThat(register).as("data/samples/%s: run this test with -Dsamples.write=true after changing the generator",
                NewCitySamples.REGISTER).isEqualTo(Files.readString(fresh.resolve(NewCitySamples.REGISTER)));
        assertThat(register.lines().count()).isEqualTo(NewCitySamples.REGISTER_ROWS + 1);
        assertThat(register.lines().skip(1).map(l -> l.substring(0, l.indexOf(','))).distinct().count())
                .as("every code once").isEqualTo(NewCitySamples.REGISTER_ROWS);
        assertThat(register).doesNotContain(NewCitySamples.NEW_CODE + ",", NewCitySamples.NEW_NAME);

        Map<String, byte[]> committed = entries(Files.readAllBytes(SAMPLES.resolve(NewCitySamples.SURVEY_ZIP)));
        Map<String, byte[]> written = entries(Files.readAllBytes(fresh.resolve(NewCitySamples.SURVEY_ZIP)));
        assertThat(committed.keySet()).containsExactlyElementsOf(written.keySet());
        assertThat(committed.keySet()).contains("小区边界.shp", "小区边界.dbf", "小区边界.shx", "小区边界.prj", "小区边界.cpg",
                "雨水管线.shp", "雨水管点.shp", "污水管线.shp", "污水管点.shp");
        committed.forEach((name, bytes) -> assertThat(bytes).as("zip entry %s", name).isEqualTo(written.get(name)));
        assertThat(new String(committed.get("小区边界.cpg"), StandardCharsets.US_ASCII)).contains("936");
    }

    /** The entries of a zip whose names are GBK, by name in the order they come. */
    private static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), Charset.forName("GB18030"))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }
}
