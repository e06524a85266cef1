package cn.compoundgis.survey.crs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The .prj texts under src/test/resources/survey/prj, written by GDAL 3.6's gdalsrsinfo (see README there). */
final class PrjResources {
    private PrjResources() {
    }

    static String read(String file) {
        try (InputStream in = PrjResources.class.getResourceAsStream("/survey/prj/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource survey/prj/" + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The WKT with every AUTHORITY["EPSG",…] / ID["EPSG",…] removed, so that only the parameters can decide. */
    static String withoutAuthorities(String wkt) {
        return wkt.replaceAll(",\\s*(AUTHORITY\\[\"EPSG\",\"\\d+\"]|ID\\[\"EPSG\",\\d+])", "");
    }
}
