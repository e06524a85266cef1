package cn.compoundgis.replicas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.compoundgis.config.AppConfig;
import cn.compoundgis.db.ConnectionInfo;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplicaSettingsTest {
    @Test
    void readsEachReplicaAsDatabaseUrlIsRead() {
        ReplicaSettings settings = ReplicaSettings.fromEnvironment(Map.of("DATABASE_REPLICA_URLS",
                " postgres://gis:p%40ss@replica-1:5433/compounds , jdbc:postgresql://replica-2/compounds?user=u,",
                "REPLICA_MAX_LAG_SECONDS", "10"));
        assertThat(settings.replicas()).extracting(ConnectionInfo::jdbcUrl).containsExactly(
                "jdbc:postgresql://replica-1:5433/compounds", "jdbc:postgresql://replica-2/compounds?user=u");
        assertThat(settings.replicas().get(0).password()).isEqualTo("p@ss");
        assertThat(settings.maxLagSeconds()).isEqualTo(10);
    }

    @Test
    void noReplicasAndThirtySecondsByDefault() {
        AppConfig config = AppConfig.fromEnvironment(Map.of());
        assertThat(config.replicas().replicas()).isEmpty();
        assertThat(config.replicas().maxLagSeconds()).isEqualTo(30);
    }

    @Test
    void aBadValueIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> ReplicaSettings.fromEnvironment(Map.of("DATABASE_REPLICA_URLS", "mysql://x/y")))
                .hasMessageContaining("DATABASE_REPLICA_URLS").hasMessageContaining("mysql://x/y");
        assertThatThrownBy(() -> ReplicaSettings.fromEnvironment(Map.of("REPLICA_MAX_LAG_SECONDS", "soon")))
                .hasMessageContaining("REPLICA_MAX_LAG_SECONDS").hasMessageContaining("soon");
        assertThatThrownBy(() -> ReplicaSettings.fromEnvironment(Map.of("REPLICA_MAX_LAG_SECONDS", "-1")))
                .hasMessageContaining("REPLICA_MAX_LAG_SECONDS");
    }
}
