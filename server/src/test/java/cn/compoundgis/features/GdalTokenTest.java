package cn.compoundgis.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.compoundgis.testing.TestServer;
import cn.compoundgis.testing.TestUsers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 12 acceptance: with anonymous reading off, GDAL reads the collections with a viewer's API token sent as
 * {@code GDAL_HTTP_HEADERS="Authorization: Bearer …"} (as the README tells), and without it gets nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GdalTokenTest {
    private static final Path OGRINFO = Path.of("/usr/bin/ogrinfo");
    private TestServer server;
    private String viewerToken;

    @BeforeAll
    void start() throws Exception {
        assumeTrue(Files.isExecutable(OGRINFO), "GDAL is not installed (scripts/test installs gdal-bin)");
        server = TestServer.start("gdal_token_test", "/features/fixture.sql", false,
                config -> config.withAccounts(config.accounts().withAnonymousRead(false)));
        viewerToken = TestUsers.withToken(server, "gdal-viewer", "viewer");
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void ogrinfoWithAViewersTokenCountsTheCurrentPipes() throws Exception {
        long current = server.count("SELECT count(*) FROM pipe WHERE valid_to IS NULL");
        assertThat(current).isPositive().isLessThan(server.count("SELECT count(*) FROM pipe"));

        Result summary = ogrinfo(Map.of("GDAL_HTTP_HEADERS", "Authorization: Bearer " + viewerToken),
                "-ro", "-so", "OAPIF:" + server.baseUrl(), "pipes");
        assertThat(summary.exitCode()).as(summary.output()).isZero();
        assertThat(summary.output()).contains("Layer name: pipes");
        Matcher count = Pattern.compile("Feature Count: (\\d+)").matcher(summary.output());
        assertThat(count.find()).as(summary.output()).isTrue();
        assertThat(Long.parseLong(count.group(1))).isEqualTo(current);
    }

    @Test
    void ogrinfoWithoutTheTokenIsRefused() throws Exception {
        assertThat(server.anonymous().get("/collections").statusCode()).isEqualTo(401);
        Result refused = ogrinfo(Map.of(), "-ro", "-so", "OAPIF:" + server.baseUrl(), "pipes");
        assertThat(refused.exitCode()).as(refused.output()).isNotZero();
        assertThat(refused.output()).doesNotContain("Feature Count");
        assertThat(refused.output()).contains("401");
    }

    private record Result(int exitCode, String output) {
    }

    private static Result ogrinfo(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(OGRINFO.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("GDAL_HTTP"));
        builder.environment().putAll(env);
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }
}
