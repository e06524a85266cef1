package cn.compoundgis.checks;

import static org.assertj.core.api.Assertions.assertThat;

import cn.compoundgis.http.Json;
import cn.compoundgis.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The CJJ 61 network codes are written in four places that must agree: the map's table (web/data/networks.json, which
 * the server reads through {@link Networks}), the survey's value codes, the clearance rules' avoidance order, and the
 * database's network_code domain.
 */
class NetworksTest {
    @Test
    void theMapsTableHasTheTenCjj61NetworksWithRainSewageAndCombinedAsGravityDrainage() {
        assertThat(Networks.codes()).containsExactly("YS", "WS", "HS", "JS", "RQ", "RL", "DL", "TX", "GY", "QT");
        assertThat(gravity()).containsExactlyInAnyOrder("YS", "WS", "HS");
        assertThat(Networks.byCode("JS")).get().extracting(Networks.Network::nameZh).isEqualTo("给水");
        assertThat(Pipe.defaultDepthReference("WS")).isEqualTo(Pipe.INVERT);
        assertThat(Pipe.defaultDepthReference("RQ")).isEqualTo("top");
    }

    @Test
    void theSurveysValueCodesAndTheClearanceRulesNameTheSameNetworks() throws Exception {
        JsonNode valueCodes = resource("/survey/value-codes.json");
        assertThat(new TreeSet<>(fieldNames(valueCodes.path("networks")))).isEqualTo(new TreeSet<>(Networks.codes()));
        assertThat(texts(valueCodes.path("gravity_networks"))).isEqualTo(gravity());
        JsonNode clearance = resource("/checks/clearance-rules.json");
        List<JsonNode> gravityLists = clearance.findValues("gravity_networks");
        assertThat(gravityLists).isNotEmpty();
        for (JsonNode list : gravityLists) {
            assertThat(texts(list)).isEqualTo(gravity());
        }
    }

    @Test
    void theDatabaseAcceptsExactlyTheseNetworkCodes() throws Exception {
        DataSource db = TestDatabase.fresh("networks_test");
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_get_constraintdef(oid) FROM pg_constraint"
                     + " WHERE contypid = 'network_code'::regtype")) {
            assertThat(rs.next()).isTrue();
            Matcher code = Pattern.compile("'([A-Z]{2})'").matcher(rs.getString(1));
            Set<String> allowed = new TreeSet<>();
            while (code.find()) {
                allowed.add(code.group(1));
            }
            assertThat(allowed).isEqualTo(new TreeSet<>(Networks.codes()));
        }
    }

    private static Set<String> gravity() {
        Set<String> codes = new TreeSet<>();
        Networks.codes().stream().filter(Networks::isGravityDrainage).forEach(codes::add);
        return codes;
    }

    private static JsonNode resource(String path) throws Exception {
        try (InputStream in = NetworksTest.class.getResourceAsStream(path)) {
            return Json.MAPPER.readTree(in);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> values = new TreeSet<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
