package cn.compoundgis.survey.shapefile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The files of one shapefile layer, found by their common base name: .shp and its companions. */
public record ShapefileSet(String layerName, Path shp, Optional<Path> shx, Optional<Path> dbf,
                           Optional<Path> prj, Optional<Path> cpg) {

    /** Every shapefile under {@code dir} (sub-folders too), sorted by path; a companion without a .shp is ignored. */
    public static List<ShapefileSet> findAll(Path dir) throws IOException {
        Map<String, Map<String, Path>> byBase = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(Files::isRegularFile).forEach(f -> {
                String name = f.toString();
                int dot = name.lastIndexOf('.');
                if (dot > name.lastIndexOf('/')) {
                    String base = name.substring(0, dot);
                    String ext = name.substring(dot + 1).toLowerCase(Locale.ROOT);
                    byBase.computeIfAbsent(base, b -> new TreeMap<>()).put(ext, f);
                }
            });
        }
        List<ShapefileSet> sets = new ArrayList<>();
        byBase.forEach((base, files) -> {
            if (files.containsKey("shp")) {
                Path shp = files.get("shp");
                String layer = shp.getFileName().toString().replaceFirst("\\.[^.]*$", "");
                sets.add(new ShapefileSet(layer, shp, Optional.ofNullable(files.get("shx")),
                        Optional.ofNullable(files.get("dbf")), Optional.ofNullable(files.get("prj")),
                        Optional.ofNullable(files.get("cpg"))));
            }
        });
        return sets;
    }
}
