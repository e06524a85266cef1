package cn.compoundgis.checks;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.testing.TestServer;
import java.sql.Connection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A server stopped while a check runs (issue 10 point 5: "deaf to SIGTERM") stops without waiting for it: the
 * check's statement is cancelled in the database, not left running after the server is gone.
 */
class CheckShutdownTest {
    private static final String DB = "check_shutdown_test";

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void stoppingTheServerCancelsTheStatementOfARunningCheck() throws Exception {
        TestServer server = TestServer.start(DB, "/checks/limits-fixture.sql", false,
                CheckLimits.withOverride("{\"statement_timeout_s\": 600}"));
        try (Connection lock = CheckLimitsTest.lockPipes(DB)) {
            CompletableFuture<Integer> check = CompletableFuture.supplyAsync(() -> {
                try {
                    return CheckClient.post(server, "/api/checks/clearance?compound=L01", "").statusCode();
                } catch (RuntimeException connectionClosed) {
                    return -1;
                }
            });
            for (int i = 0; i < 200 && CheckLimitsTest.waitingOnLock(DB) == 0; i++) {
                Thread.sleep(50);
            }
            assertThat(CheckLimitsTest.waitingOnLock(DB)).as("the check waits on the lock").isEqualTo(1);

            server.close();

            for (int i = 0; i < 100 && CheckLimitsTest.waitingOnLock(DB) > 0; i++) {
                Thread.sleep(100);
            }
            assertThat(CheckLimitsTest.waitingOnLock(DB)).as("the check's statement was cancelled").isZero();
            assertThat(check.get(30, TimeUnit.SECONDS)).as("503 'stopping', or the connection closed").isIn(503, -1);
        }
    }
}
