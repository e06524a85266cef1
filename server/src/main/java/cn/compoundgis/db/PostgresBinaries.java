package cn.compoundgis.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the PostgreSQL server programs: on the PATH, else the newest /usr/lib/postgresql/N/bin. */
public final class PostgresBinaries {
    private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");

    private PostgresBinaries() {
    }

    public static Path find() throws IOException {
        Optional<Path> fromDebian = newestDebianBin();
        Optional<Path> onPath = onPath("pg_ctl");
        // Debian links pg_ctl into PATH through a wrapper; the real bin folder has initdb beside it.
        Optional<Path> found = onPath.filter(dir -> Files.isExecutable(dir.resolve("initdb"))).or(() -> fromDebian);
        return found.orElseThrow(() -> new IOException(
                "PostgreSQL server programs (initdb, pg_ctl) not found on PATH or in /usr/lib/postgresql/*/bin. "
                        + "Install them: apt-get install postgresql-15 postgresql-15-postgis-3 "
                        + "(scripts/run does this), or set DATABASE_URL to an existing PostGIS."));
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(":")) {
            Path candidate = Path.of(dir, program);
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                try {
                    return Optional.of(candidate.toRealPath().getParent());
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> newestDebianBin() throws IOException {
        if (!Files.isDirectory(DEBIAN_ROOT)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(DEBIAN_ROOT)) {
            return versions.filter(v -> v.getFileName().toString().matches("\\d+"))
                    .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString())))
                    .map(v -> v.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")));
        }
    }
}
