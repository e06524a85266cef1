package cn.compoundgis.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.compoundgis.testing.TestServer;
import cn.compoundgis.testing.TestUsers;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import javax.sql.DataSource;

/** Sign-in is rate-limited per user name and, more loosely, per client address (LOGIN_FAILURES, LOGIN_WINDOW_SECONDS). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginThrottleTest {
    private static final int FAILURES = 3;
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("login_throttle_test", null, false,
                config -> config.withAccounts(config.accounts().withLoginLimit(FAILURES, 600)));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void aNameThatFailedTooOftenWaitsAndSoDoesAnAddressThatTriedManyNames() {
        TestUsers.create(server, "guessed", List.of("viewer"), List.of(), List.of());
        TestUsers.create(server, "bystander", List.of("viewer"), List.of(), List.of());
        for (int i = 0; i < FAILURES; i++) {
            HttpResponse<String> wrong = signIn("guessed", "not the password " + i);
            assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(401);
            assertThat(wrong.body()).contains("wrong user name or password");
        }
        HttpResponse<String> blocked = signIn("guessed", TestUsers.PASSWORD);
        assertThat(blocked.statusCode()).as("even the right password waits").isEqualTo(429);
        assertThat(blocked.headers().firstValue("Retry-After")).isPresent();
        assertThat(signIn("bystander", TestUsers.PASSWORD).statusCode()).as("another name from the same address")
                .isEqualTo(200);

        for (int i = 0; i < FAILURES * LoginThrottle.ADDRESS_FACTOR; i++) {
            signIn("sprayed-" + i, "whatever-password");
        }
        assertThat(signIn("bystander", TestUsers.PASSWORD).statusCode()).as("the address is blocked now").isEqualTo(429);
        assertThat(server.getJson("/api/audit?action=session.sign_in_failed&limit=1000").get("events").size())
                .as("every failure until the address was blocked").isEqualTo(FAILURES * LoginThrottle.ADDRESS_FACTOR);
    }

    @Test
    void serversSharingTheDatabaseCountTheSameFailuresAndForgetThoseOutOfTheWindow() throws SQLException {
        DataSource db = server.app().dataSource();
        LoginThrottle first = new LoginThrottle(db, FAILURES, 600, Clock.systemUTC());
        LoginThrottle second = new LoginThrottle(db, FAILURES, 600, Clock.systemUTC());
        for (int i = 0; i < FAILURES; i++) {
            first.failed("shared-name", "192.0.2." + i);
        }
        assertThatThrownBy(() -> second.check("shared-name", "192.0.2.99")).as("the other server's failures count")
                .isInstanceOf(LoginThrottle.Throttled.class);
        second.succeeded("shared-name");
        first.check("shared-name", "192.0.2.99");

        LoginThrottle earlier = new LoginThrottle(db, FAILURES, 600, Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-601)));
        for (int i = 0; i < FAILURES; i++) {
            earlier.failed("old-guess", "198.51.100." + i);
        }
        second.check("old-guess", "198.51.100.99");
        first.failed("old-guess", "198.51.100.50");
        assertThat(server.count("SELECT count(*) FROM login_failure WHERE key = 'user:old-guess'"))
                .as("the failures out of the window are gone").isEqualTo(1);
    }

    private HttpResponse<String> signIn(String username, String password) {
        return server.anonymous().post("/api/session", "application/json",
                TestServer.json(Map.of("username", username, "password", password)).getBytes());
    }
}
