package cn.compoundgis.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * How much another JVM's JIT has compiled, as {@code jstat -compiler} reports it: a benchmark reads it before and after
 * its measured requests to show that the server was warm (its JIT compiling on one of this machine's two CPUs slows
 * both the server and the floor beside it).
 */
record JitActivity(long compiled, double seconds) {
    private static final Path JSTAT = Path.of(System.getProperty("java.home"), "bin", "jstat");

    /** The compilations so far of process {@code pid}; empty when this JDK has no jstat or it does not answer. */
    static Optional<JitActivity> of(long pid) {
        if (!Files.isExecutable(JSTAT)) {
            return Optional.empty();
        }
        try {
            Process jstat = new ProcessBuilder(JSTAT.toString(), "-compiler", String.valueOf(pid)).redirectErrorStream(true).start();
            String[] lines = new String(jstat.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n");
            if (jstat.waitFor() != 0 || lines.length < 2) {
                return Optional.empty();
            }
            // Compiled Failed Invalid Time FailedType FailedMethod
            String[] columns = lines[1].trim().split("\\s+");
            return Optional.of(new JitActivity(Long.parseLong(columns[0]), Double.parseDouble(columns[3])));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** What was compiled between {@code before} and this, for a report line. */
    String since(JitActivity before) {
        return String.format(Locale.ROOT, "%d methods compiled, %.2f s of the JIT's time", compiled - before.compiled,
                seconds - before.seconds);
    }
}
