package cn.compoundgis.bench;

import cn.compoundgis.db.ConnectionInfo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.RandomAccessFile;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The floor of a benchmark: the very statements the server sent PostgreSQL for one request, as PostgreSQL itself
 * logged them ({@code log_min_duration_statement = 0} while the request runs, parameters written in as literals),
 * replayed straight through {@code pgbench} on one connection, each run one pgbench transaction (or through psql,
 * for a COPY). Either fetches every row as the server does; what the server adds (HTTP, Java, rules, the answer)
 * is what the ratio measures.
 */
final class PgbenchFloor {
    /** A prefix no statement text starts a line with: a log record begins with it. */
    private static final String PREFIX = "cgis-bench-log [";
    private static final Pattern RECORD = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)\\] (\\S*) (LOG|DETAIL):  (.*)", Pattern.DOTALL);
    /** PostgreSQL's default log_line_prefix, '%m [%p] ': a record of someone else, or of the reload itself. */
    private static final Pattern DEFAULT_PREFIX = Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d+ \\S+ \\[\\d+\\] ");
    private static final Pattern EXECUTE = Pattern.compile("duration: [0-9.]+ ms  (?:execute [^:]+|statement): (.*)", Pattern.DOTALL);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$(\\d+)\\b");
    private static final Pattern COPY_OUT = Pattern.compile("^COPY .* TO STDOUT$", Pattern.DOTALL);
    private static final Pattern PSQL_TIME = Pattern.compile("^Time: ([0-9.]+) ms", Pattern.MULTILINE);
    /** Time for the postmaster and the idle backends to take a reloaded setting. */
    private static final long RELOAD_MS = 500;

    /** Something the server is asked to do: one request. */
    interface Request {
        void run() throws Exception;
    }

    private final ConnectionInfo superuser;
    private final Path log;
    private final String appRole;

    PgbenchFloor(BenchServer server) {
        this.superuser = server.superuserConnectionInfo();
        this.log = server.postgresLog();
        this.appRole = server.connectionInfo().user();
    }

    /** The statements the server sent for {@code request}, in the order PostgreSQL ran them, values in place. */
    List<String> capture(Request request) throws Exception {
        long start = Files.size(log);
        logStatements(true);
        try {
            request.run();
        } finally {
            logStatements(false);
        }
        List<String> statements = statementsOf(readFrom(start));
        if (statements.isEmpty()) {
            throw new IllegalStateException("no statement of " + appRole + " was logged in " + log);
        }
        return statements;
    }

    /**
     * Per-run latency (ms) of the statements replayed {@code runs} times after {@code warmUp} runs not counted:
     * through pgbench, or through psql when one is a {@code COPY … TO STDOUT}, which pgbench cannot run.
     */
    List<Double> replay(List<String> statements, int warmUp, int runs) throws IOException, InterruptedException {
        if (statements.stream().anyMatch(sql -> COPY_OUT.matcher(sql).find())) {
            return replayThroughPsql(statements, warmUp, runs);
        }
        Path dir = Files.createTempDirectory("pgbench-floor");
        Path script = dir.resolve("floor.sql");
        Files.writeString(script, String.join(";\n", statements) + ";\n");
        URI uri = URI.create(superuser.jdbcUrl().substring("jdbc:".length()));
        ProcessBuilder pb = new ProcessBuilder("pgbench", "-n", "-f", script.toString(), "-t", String.valueOf(warmUp + runs),
                "-l", "--log-prefix=" + dir.resolve("log"), "-h", uri.getHost(), "-p", String.valueOf(uri.getPort()),
                "-U", superuser.user(), uri.getPath().substring(1))
                .redirectErrorStream(true).directory(dir.toFile());
        pb.environment().put("PGPASSWORD", superuser.password());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0 || !out.contains("number of failed transactions: 0")) {
            throw new IllegalStateException("pgbench failed on " + script + ":\n" + out);
        }
        List<Double> ms = new ArrayList<>();
        try (var logs = Files.list(dir)) {
            for (Path file : logs.filter(f -> f.getFileName().toString().startsWith("log")).toList()) {
                List<String> lines = Files.readAllLines(file);
                // client_id transaction_no latency_us script_no time_epoch time_us
                for (String line : lines.subList(warmUp, lines.size())) {
                    ms.add(Long.parseLong(line.split(" ")[2]) / 1000.0);
                }
            }
        }
        return ms;
    }

    /**
     * psql with {@code \\timing}: each statement's time from sending it to having read its whole answer (a COPY's
     * rows written to /dev/null), summed per run; one connection, as pgbench's.
     */
    private List<Double> replayThroughPsql(List<String> statements, int warmUp, int runs) throws IOException {
        try (PsqlSession psql = psql()) {
            List<Double> ms = new ArrayList<>();
            for (int run = 0; run < warmUp + runs; run++) {
                double runMs = psql.run(statements);
                if (run >= warmUp) {
                    ms.add(runMs);
                }
            }
            return ms;
        }
    }

    /** A psql session of its own on the database, kept open so that runs of the floor can alternate with requests. */
    PsqlSession psql() throws IOException {
        return new PsqlSession(superuser);
    }

    /**
     * One psql process on one connection, fed statements on its standard input: {@link #run} times one run of them
     * (psql's {@code \\timing} of each, summed) and returns when psql has read every answer.
     */
    static final class PsqlSession implements AutoCloseable {
        private static final String END_OF_RUN = "cgis-bench-end-of-run";
        private final Process process;
        private final Writer in;
        private final BufferedReader out;

        PsqlSession(ConnectionInfo superuser) throws IOException {
            URI uri = URI.create(superuser.jdbcUrl().substring("jdbc:".length()));
            ProcessBuilder pb = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-o", "/dev/null",
                    "-h", uri.getHost(), "-p", String.valueOf(uri.getPort()), "-U", superuser.user(),
                    uri.getPath().substring(1)).redirectErrorStream(true);
            pb.environment().put("PGPASSWORD", superuser.password());
            process = pb.start();
            in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            in.write("\\timing on\n");
        }

        /** Milliseconds of one run of {@code statements}, each timed by psql. */
        double run(List<String> statements) throws IOException {
            in.write(String.join(";\n", statements) + ";\n\\echo " + END_OF_RUN + "\n");
            in.flush();
            List<Double> times = new ArrayList<>();
            StringBuilder said = new StringBuilder();
            for (String line = out.readLine(); !END_OF_RUN.equals(line); line = out.readLine()) {
                if (line == null) {
                    throw new IllegalStateException("psql stopped:\n" + said);
                }
                Matcher m = PSQL_TIME.matcher(line);
                if (m.find()) {
                    times.add(Double.parseDouble(m.group(1)));
                } else {
                    said.append(line).append('\n');
                }
            }
            if (times.size() != statements.size()) {
                throw new IllegalStateException("psql timed " + times.size() + " statements, not " + statements.size()
                        + ":\n" + said);
            }
            return times.stream().mapToDouble(Double::doubleValue).sum();
        }

        @Override
        public void close() throws IOException {
            try {
                in.close();
                if (!process.waitFor(1, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private void logStatements(boolean on) throws SQLException, InterruptedException {
        try (Connection c = DriverManager.getConnection(superuser.jdbcUrl(), superuser.user(), superuser.password());
             Statement s = c.createStatement()) {
            if (on) {
                s.execute("ALTER SYSTEM SET log_min_duration_statement = 0");
                s.execute("ALTER SYSTEM SET log_line_prefix = '" + PREFIX + "%p] %u '");
                s.execute("ALTER SYSTEM SET log_parameter_max_length = -1");
            } else {
                s.execute("ALTER SYSTEM RESET log_min_duration_statement");
                s.execute("ALTER SYSTEM RESET log_line_prefix");
                s.execute("ALTER SYSTEM RESET log_parameter_max_length");
            }
            s.execute("SELECT pg_reload_conf()");
        }
        Thread.sleep(RELOAD_MS);
    }

    private String readFrom(long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            byte[] bytes = new byte[(int) (f.length() - offset)];
            f.seek(offset);
            f.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Log records of the application's role: an executed statement, then (on its own record) its parameters. */
    private List<String> statementsOf(String text) {
        List<String> statements = new ArrayList<>();
        String pending = null;
        for (String record : records(text)) {
            Matcher m = RECORD.matcher(record);
            if (!m.matches() || !appRole.equals(m.group(2))) {
                continue;
            }
            String message = m.group(4);
            if (m.group(3).equals("DETAIL")) {
                if (pending != null && message.startsWith("parameters: ")) {
                    statements.set(statements.size() - 1, withValues(pending, message.substring("parameters: ".length())));
                }
                continue;
            }
            pending = null;
            Matcher execute = EXECUTE.matcher(message);
            if (!execute.matches() || message.contains(" execute fetch from ")) {
                continue; // parse and bind steps, and the further fetches of a cursor already counted
            }
            String sql = execute.group(1).strip().replaceAll(";+$", "");
            if (!sql.isEmpty()) {
                statements.add(sql);
                pending = sql;
            }
        }
        return statements;
    }

    /**
     * The log's records that begin with {@link #PREFIX}, each with its continuation lines. A record in the default
     * prefix (written just before or after the reload, such as "received SIGHUP") ends the one before it: it is
     * not a line of that statement.
     */
    static List<String> records(String text) {
        List<String> records = new ArrayList<>();
        StringBuilder current = null;
        for (String line : text.split("\n", -1)) {
            boolean ownRecord = line.startsWith(PREFIX);
            if (ownRecord || DEFAULT_PREFIX.matcher(line).lookingAt()) {
                if (current != null) {
                    records.add(current.toString());
                }
                current = ownRecord ? new StringBuilder(line) : null;
            } else if (current != null) {
                current.append('\n').append(line);
            }
        }
        if (current != null) {
            records.add(current.toString());
        }
        return records;
    }

    /** {@code $n} replaced by the logged value of parameter n, as a literal ('…' or NULL). */
    private static String withValues(String sql, String parameters) {
        List<String> values = parameterValues(parameters);
        Matcher m = PLACEHOLDER.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.get(Integer.parseInt(m.group(1)) - 1)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** "$1 = '117.2', $2 = NULL, $3 = 'it''s'": the values as SQL literals, in order. */
    private static List<String> parameterValues(String text) {
        List<String> values = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int eq = text.indexOf(" = ", i);
            int at = eq + 3;
            if (text.startsWith("NULL", at)) {
                values.add("NULL");
                i = at + 4;
            } else {
                int end = at + 1;
                while (true) {
                    end = text.indexOf('\'', end);
                    if (end + 1 < text.length() && text.charAt(end + 1) == '\'') {
                        end += 2;
                    } else {
                        break;
                    }
                }
                values.add(text.substring(at, end + 1));
                i = end + 1;
            }
            if (text.startsWith(", ", i)) {
                i += 2;
            } else {
                break;
            }
        }
        return values;
    }
}
