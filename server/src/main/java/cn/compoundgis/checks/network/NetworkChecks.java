package cn.compoundgis.checks.network;

import cn.compoundgis.checks.CheckLimits;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.sql.DataSource;

/** Runs every drainage check on one scope and returns the findings in a stable order. */
public final class NetworkChecks {
    /** What was checked and what was found. */
    record Result(NetworkScope scope, double tolerance, int pipes, int points, List<Finding> findings) {
    }

    private final DataSource dataSource;
    private final NetworkRules rules;
    private final CheckLimits limits;

    public NetworkChecks(DataSource dataSource, NetworkRules rules, CheckLimits limits) {
        this.dataSource = dataSource;
        this.rules = rules;
        this.limits = limits;
    }

    public NetworkRules rules() {
        return rules;
    }

    Result check(NetworkScope scope, Double toleranceOverride) throws SQLException {
        double tolerance = toleranceOverride != null ? toleranceOverride : rules.endTolerance;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // read-only work; rolled back below
            try {
                NetworkLoader loader = new NetworkLoader(c, scope, rules.networks);
                DrainNetwork net = new DrainNetwork(loader.pipes(limits.networkMaxPipes()),
                        loader.points(limits.networkMaxPoints()), rules, tolerance);
                List<Finding> findings = new ArrayList<>();
                findings.addAll(TopologyChecks.run(net, loader.coincidentPipes(tolerance)));
                findings.addAll(SlopeChecks.run(net));
                findings.addAll(DiameterChecks.run(net));
                findings.addAll(CrossConnectionChecks.run(net, loader.endContacts(tolerance)));
                findings.addAll(ConnectivityChecks.run(net));
                findings.addAll(SpacingChecks.run(net));
                findings.addAll(DepthChecks.run(net));
                findings.sort(Comparator.comparing((Finding f) -> f.code)
                        .thenComparingLong(f -> f.pipes.isEmpty() ? -1 : f.pipes.get(0).id())
                        .thenComparingLong(f -> f.points.isEmpty() ? -1 : f.points.get(0).id()));
                return new Result(scope, tolerance, net.pipes.size(), net.points.size(), findings);
            } finally {
                c.rollback();
            }
        }
    }
}
