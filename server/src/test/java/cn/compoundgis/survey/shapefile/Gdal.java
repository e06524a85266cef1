package cn.compoundgis.survey.shapefile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** GDAL, the reference: writes test shapefiles with ogr2ogr and reads them back as GeoJSON. */
final class Gdal {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Gdal() {
    }

    /** ogr2ogr -f "ESRI Shapefile" out.shp in.geojson [options]. */
    static void writeShapefile(Path geojson, Path shp, String... options) {
        List<String> command = new ArrayList<>(List.of("ogr2ogr", "-f", "ESRI Shapefile"));
        command.addAll(List.of(options));
        command.add(shp.toString());
        command.add(geojson.toString());
        run(command);
    }

    /** What GDAL reads from a shapefile, as a GeoJSON FeatureCollection in the file's own coordinates. */
    static JsonNode read(Path shp, String... openOptions) {
        List<String> command = new ArrayList<>(List.of("ogr2ogr", "-f", "GeoJSON", "-lco", "RFC7946=NO"));
        for (String o : openOptions) {
            command.addAll(List.of("-oo", o));
        }
        command.addAll(List.of("/vsistdout/", shp.toString()));
        try {
            return JSON.readTree(run(command));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed");
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + command.get(0) + " (install gdal-bin)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
