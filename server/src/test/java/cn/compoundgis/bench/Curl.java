package cn.compoundgis.bench;

import cn.compoundgis.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * GETs timed by curl ({@code %{time_total}} of each transfer) in one process on one kept-alive connection, each
 * answer dropped as it arrives. An outside client in C, as pgbench is the floor's: a client in the server's own JVM
 * takes the server's two CPUs and its garbage collector and is measured with it (on a 2-CPU EPYC it added 30-50 ms
 * to a 10 000-feature page that curl reads in a few, and about 10 ms to a z16 tile).
 */
final class Curl {
    /** One answer: its status, its size and how long it took, from the request to the last byte. */
    record Transfer(int status, long bytes, double ms) {
    }

    private Curl() {
    }

    /** The paths in order from the server on {@code port}, as the admin user; refuses a 4xx or 5xx answer. */
    static List<Transfer> get(int port, List<String> paths) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "--silent", "--show-error", "--fail",
                "--header", "Authorization: Bearer " + TestServer.ADMIN_TOKEN,
                "--write-out", "%{http_code} %{size_download} %{time_total}\\n"));
        for (String path : paths) {
            command.addAll(List.of("--output", "/dev/null", "http://127.0.0.1:" + port + path));
        }
        Process curl = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> lines = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        if (curl.waitFor() != 0 || lines.size() != paths.size()) {
            throw new IllegalStateException("curl failed on " + paths.get(lines.size() < paths.size() ? lines.size() : 0)
                    + " (exit " + curl.exitValue() + "): " + lines);
        }
        return lines.stream().map(Curl::transfer).toList();
    }

    private static Transfer transfer(String line) {
        String[] parts = line.split(" ");
        return new Transfer(Integer.parseInt(parts[0]), Long.parseLong(parts[1]), Double.parseDouble(parts[2]) * 1000);
    }
}
