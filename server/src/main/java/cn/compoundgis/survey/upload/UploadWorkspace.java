package cn.compoundgis.survey.upload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where uploads are unpacked: one folder per upload, {@code upload-<pid>-<random>}, under one parent.
 * An upload deletes its folder when it ends; a server killed mid-upload cannot, so each start removes
 * the folders that no running server owns: those of a process that is gone, and those of this very
 * process id that are older than this process (a container restarted under the same pid).
 */
public final class UploadWorkspace {
    static final String PREFIX = "upload-";
    private static final Pattern FOLDER = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-.*");
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(UploadWorkspace.class.getName());

    private final Path parent;

    public UploadWorkspace(Path parent) {
        this.parent = parent;
    }

    /** {@code <java.io.tmpdir>/compound-gis-uploads}. */
    public static Path defaultParent() {
        return Path.of(System.getProperty("java.io.tmpdir"), "compound-gis-uploads");
    }

    public Path parent() {
        return parent;
    }

    /** A new, empty, private folder for one upload. */
    public Path newFolder() throws IOException {
        Files.createDirectories(parent);
        return Files.createTempDirectory(parent, PREFIX + ProcessHandle.current().pid() + "-");
    }

    /**
     * This process's folder for the parts Jetty spools to disk while a multipart request arrives; it follows
     * the folder naming, so a killed server's spooled parts are removed at the next start like its uploads.
     */
    public Path multipartSpool() throws IOException {
        Path spool = parent.resolve(PREFIX + ProcessHandle.current().pid() + "-multipart");
        Files.createDirectories(spool);
        return spool;
    }

    /** Deletes the folders left by uploads of servers no longer running; returns how many. */
    public int removeLeftovers() {
        if (!Files.isDirectory(parent)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(parent, PREFIX + "*")) {
            for (Path folder : folders) {
                if (isLeftover(folder)) {
                    deleteRecursively(folder);
                    removed++;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warning("could not clean up old upload folders in " + parent + ": " + e.getMessage());
        }
        if (removed > 0) {
            LOG.info("removed " + removed + " upload folder(s) left behind by an earlier run in " + parent);
        }
        return removed;
    }

    private static boolean isLeftover(Path folder) throws IOException {
        Matcher m = FOLDER.matcher(folder.getFileName().toString());
        if (!m.matches() || !Files.isDirectory(folder)) {
            return false;
        }
        long pid;
        try {
            pid = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return true; // no process has such an id
        }
        ProcessHandle self = ProcessHandle.current();
        if (pid != self.pid()) {
            return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        }
        Optional<Instant> started = self.info().startInstant();
        Instant touched = Files.getLastModifiedTime(folder).toInstant(); // creation time is not kept by every file system
        return started.isPresent() && touched.isBefore(started.get());
    }

    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
