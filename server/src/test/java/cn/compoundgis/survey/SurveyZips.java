package cn.compoundgis.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Survey deliveries for tests: GeoJSON (EPSG:4548, easting first) made into GBK shapefiles by ogr2ogr, zipped. */
public final class SurveyZips {
    private final Path dir;

    public SurveyZips(Path dir) {
        this.dir = dir;
    }

    /** A zip of one shapefile per {name, geojson} pair, entry names in GBK as Chinese Windows writes them. */
    public byte[] zip(String... namesAndGeojson) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("zip-" + System.nanoTime()));
        for (int i = 0; i < namesAndGeojson.length; i += 2) {
            Path in = folder.resolve("in.json");
            Files.writeString(in, namesAndGeojson[i + 1]);
            run("ogr2ogr", "-f", "ESRI Shapefile", "-a_srs", "EPSG:4548", "-lco", "ENCODING=CP936",
                    folder.resolve(namesAndGeojson[i] + ".shp").toString(), in.toString());
            Files.delete(in);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, Charset.forName("GB18030")); var files = Files.list(folder)) {
            for (Path f : files.toList()) {
                zip.putNextEntry(new ZipEntry(f.getFileName().toString()));
                zip.write(Files.readAllBytes(f));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** A FeatureCollection of the given features (each a JSON object text). */
    public static String collection(Iterable<String> features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    public static String feature(String properties, String geometry) {
        return "{\"type\":\"Feature\",\"properties\":" + properties + ",\"geometry\":" + geometry + "}";
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }
}
