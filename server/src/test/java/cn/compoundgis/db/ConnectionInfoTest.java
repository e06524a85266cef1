package cn.compoundgis.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConnectionInfoTest {
    @Test
    void readsTheLibpqForm() {
        ConnectionInfo info = ConnectionInfo.parse("postgres://gis:p%40ss@db.example:5433/compounds?sslmode=disable");
        assertThat(info.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5433/compounds?sslmode=disable");
        assertThat(info.user()).isEqualTo("gis");
        assertThat(info.password()).isEqualTo("p@ss");
    }

    @Test
    void defaultsThePortAndKeepsJdbcUrlsAsTheyAre() {
        assertThat(ConnectionInfo.parse("postgresql://localhost/gis").jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/gis");
        String jdbc = "jdbc:postgresql://h:1/d?user=u&password=p";
        assertThat(ConnectionInfo.parse(jdbc).jdbcUrl()).isEqualTo(jdbc);
    }

    @Test
    void switchesDatabaseAndCarriesCredentials() {
        ConnectionInfo info = new ConnectionInfo("jdbc:postgresql://127.0.0.1:5555/compound_gis", "u", "a&b");
        assertThat(info.withDatabase("postgres").jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5555/postgres");
        assertThat(info.jdbcUrlWithCredentials()).isEqualTo("jdbc:postgresql://127.0.0.1:5555/compound_gis?user=u&password=a%26b");
    }

    @Test
    void rejectsOtherSchemes() {
        assertThatThrownBy(() -> ConnectionInfo.parse("mysql://x/y")).hasMessageContaining("DATABASE_URL");
    }
}
