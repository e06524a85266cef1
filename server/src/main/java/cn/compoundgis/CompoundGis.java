package cn.compoundgis;

import cn.compoundgis.config.AppConfig;
import cn.compoundgis.db.ConnectionInfo;
import cn.compoundgis.db.Database;
import cn.compoundgis.db.PostgresCluster;
import cn.compoundgis.demo.DemoData;
import cn.compoundgis.replicas.ReadRouting;
import cn.compoundgis.web.WebServer;
import com.zaxxer.hikari.HikariDataSource;
import io.javalin.Javalin;
import java.util.Optional;
import java.util.logging.Logger;

/** One running server: its database (private cluster or DATABASE_URL), schema, demo data and HTTP API. */
public record CompoundGis(Optional<PostgresCluster> cluster, HikariDataSource dataSource, ReadRouting reads, Javalin web)
        implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CompoundGis.class.getName());
    private static final int POOL_SIZE = 10;

    public static CompoundGis start(AppConfig config) throws Exception {
        Optional<PostgresCluster> cluster = Optional.empty();
        HikariDataSource dataSource = null;
        ReadRouting reads = null;
        try {
            ConnectionInfo db;
            if (config.databaseUrl().isPresent()) {
                db = ConnectionInfo.parse(config.databaseUrl().get());
            } else {
                cluster = Optional.of(PostgresCluster.start(config.stateDir()));
                db = cluster.get().connectionInfo();
            }
            dataSource = Database.pool(db, POOL_SIZE, config.checkLimits().databaseStatementTimeoutMs(),
                    config.workingSrid());
            Database.migrate(dataSource, config.workingSrid());
            if (!config.loadDemoData()) {
                LOG.info("demo data not loaded (DEMO_DATA=false / --no-demo)");
            } else if (DemoData.loadIfEmpty(dataSource)) {
                LOG.info("loaded the demo data (22 compounds of the seed report's Parts 2 and 3)");
            }
            reads = ReadRouting.start(dataSource, config.replicas(), POOL_SIZE,
                    config.checkLimits().databaseStatementTimeoutMs(), config.workingSrid());
            Javalin web = WebServer.create(reads, config).start(config.host(), config.port());
            return new CompoundGis(cluster, dataSource, reads, web);
        } catch (Exception e) {
            if (reads != null) {
                reads.close();
            }
            if (dataSource != null) {
                dataSource.close();
            }
            cluster.ifPresent(PostgresCluster::close);
            throw e;
        }
    }

    public int port() {
        return web.port();
    }

    @Override
    public void close() {
        web.stop();
        reads.close();
        dataSource.close();
        cluster.ifPresent(PostgresCluster::close);
    }
}
