package cn.compoundgis.web;

import cn.compoundgis.CompoundGis;
import cn.compoundgis.config.AppConfig;
import cn.compoundgis.db.ConnectionInfo;
import cn.compoundgis.db.LoopbackPort;
import cn.compoundgis.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A real server that a test can stop and start again on the same port and the same database, as an
 * operator restarting it would: the page in the browser sees the server go away and come back.
 */
final class RestartableServer implements AutoCloseable {
    private final AppConfig config;
    private CompoundGis app;

    private RestartableServer(AppConfig config) throws Exception {
        this.config = config;
        start();
    }

    /** A fresh database named dbName with the demo data, served on a free port. */
    static RestartableServer withDemo(String dbName) throws Exception {
        ConnectionInfo db = TestDatabase.createDatabase(dbName);
        AppConfig config = new AppConfig(LoopbackPort.free(), Path.of("unused-state"),
                Optional.of(db.jdbcUrlWithCredentials()), AppConfig.DEFAULT_WORKING_SRID, true);
        return new RestartableServer(config);
    }

    void start() throws Exception {
        app = CompoundGis.start(config);
    }

    void stop() {
        app.close();
        app = null;
    }

    String baseUrl() {
        return "http://localhost:" + config.port();
    }

    @Override
    public void close() {
        if (app != null) {
            stop();
        }
    }
}
