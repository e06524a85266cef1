package cn.compoundgis.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.compoundgis.config.AppConfig;
import cn.compoundgis.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, point 9: X-Forwarded-Host/Proto shape the links in answers only when the request came from a
 * proxy in TRUSTED_PROXIES; malformed values from a trusted proxy are ignored, never a 500.
 */
class ForwardedHeadersTest {
    private static final Map<String, String> EVIL = Map.of("X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "https");

    @Test
    void fromAnUntrustedClientTheHeadersAreIgnored() throws Exception {
        try (TestServer server = TestServer.start("forwarded_untrusted_test", "/features/fixture.sql", false)) {
            for (String path : List.of("/", "/collections", "/collections/pipes", "/collections/pipes/items?limit=1", "/api")) {
                HttpResponse<String> response = server.get(path, EVIL);
                assertThat(response.statusCode()).as(path).isEqualTo(200);
                assertThat(response.body()).as(path).doesNotContain("evil.example");
            }
            assertThat(hrefs(server.get("/collections", EVIL))).allMatch(h -> h.startsWith(server.baseUrl()));
        }
    }

    @Test
    void fromATrustedProxyTheHeadersMakeTheLinksAndMalformedOnesAreIgnored() throws Exception {
        TrustedProxies loopback = TrustedProxies.parse("127.0.0.1, ::1");
        try (TestServer server = TestServer.start("forwarded_trusted_test", "/features/fixture.sql", false,
                config -> config.withTrustedProxies(loopback))) {
            List<String> links = hrefs(server.get("/collections", Map.of("X-Forwarded-Host", "maps.example.org, proxy.local",
                    "X-Forwarded-Proto", "https")));
            assertThat(links).isNotEmpty().allMatch(h -> h.startsWith("https://maps.example.org/"));
            assertThat(hrefs(server.get("/collections", Map.of("X-Forwarded-Host", "maps.example.org:8443"))))
                    .allMatch(h -> h.startsWith("http://maps.example.org:8443/"));
            for (String bad : List.of(",,,", " , ", "a b", "evil.example/path", "evil.example@x", "[", "%00", "..", "-x")) {
                HttpResponse<String> response = server.get("/collections", Map.of("X-Forwarded-Host", bad, "X-Forwarded-Proto", bad));
                assertThat(response.statusCode()).as(bad).isEqualTo(200);
                assertThat(hrefs(response)).as(bad).allMatch(h -> h.startsWith(server.baseUrl()));
            }
        }
    }

    @Test
    void trustedProxiesAreIpAddressesAndCidrBlocks() {
        TrustedProxies proxies = TrustedProxies.parse("10.0.0.1, 192.168.0.0/16 ,fd00::/8");
        assertThat(proxies.trusts("10.0.0.1")).isTrue();
        assertThat(proxies.trusts("10.0.0.2")).isFalse();
        assertThat(proxies.trusts("192.168.40.7")).isTrue();
        assertThat(proxies.trusts("192.169.0.1")).isFalse();
        assertThat(proxies.trusts("fd12::1")).isTrue();
        assertThat(proxies.trusts("[fd12::1]")).isTrue();
        assertThat(proxies.trusts("fe80::1")).isFalse();
        assertThat(proxies.trusts("not-an-ip")).isFalse();
        assertThat(TrustedProxies.parse("").isEmpty()).isTrue();
        assertThat(TrustedProxies.none().trusts("127.0.0.1")).isFalse();
        assertThatThrownBy(() -> TrustedProxies.parse("proxy.example.org")).hasMessageContaining("proxy.example.org");
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/33")).hasMessageContaining("prefix");
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("TRUSTED_PROXIES", "10.0.0.300")))
                .hasMessageContaining("TRUSTED_PROXIES");
        assertThat(AppConfig.fromEnvironment(Map.of(), "--trusted-proxies", "10.1.2.3").trustedProxies().trusts("10.1.2.3")).isTrue();
        assertThat(AppConfig.fromEnvironment(Map.of()).trustedProxies().isEmpty()).isTrue();
    }

    private static List<String> hrefs(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> hrefs = new ArrayList<>();
        collect(TestServer.parse(response.body()), hrefs);
        return hrefs;
    }

    private static void collect(JsonNode node, List<String> hrefs) {
        if (node.has("href")) {
            hrefs.add(node.get("href").asText());
        }
        node.forEach(child -> collect(child, hrefs));
    }
}
