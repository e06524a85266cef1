package cn.compoundgis;

import cn.compoundgis.config.AppConfig;
import java.util.logging.Logger;

/** {@code java -jar compound-gis.jar [--host ADDRESS] [--port N] [--state DIR] [--database-url URL] [--srid N] [--no-demo]} */
public final class Main {
    private static final Logger LOG = Logger.getLogger(Main.class.getName());

    private Main() {
    }

    public static void main(String[] args) {
        // Photos are decoded and encoded again with javax.imageio; a server has no display.
        System.setProperty("java.awt.headless", "true");
        AppConfig config;
        try {
            config = AppConfig.fromEnvironment(System.getenv(), args);
        } catch (IllegalArgumentException e) {
            System.err.println("compound-gis: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            CompoundGis app = CompoundGis.start(config);
            Runtime.getRuntime().addShutdownHook(new Thread(app::close, "shutdown"));
            System.out.println("Compound GIS is serving http://localhost:" + app.port() + "/  (Ctrl-C stops it)");
            if (config.host().equals(AppConfig.DEFAULT_HOST)) {
                System.out.println("It listens on " + AppConfig.DEFAULT_HOST + " only: HOST=0.0.0.0 (or --host ADDRESS)"
                        + " serves other machines; put HTTPS in front of it then");
            }
        } catch (Exception e) {
            LOG.severe("could not start: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
        }
    }
}
