package cn.compoundgis.checks.network;

import cn.compoundgis.checks.network.NetworkRules.Fill;
import cn.compoundgis.checks.network.NetworkRules.SizeRow;

/**
 * The minimum slope of a drainage pipe (GB 50014-2021, standards.md §6): from the table for the smallest
 * sizes; for larger pipes the slope at which Manning's formula reaches the minimum self-cleansing velocity,
 * full for rain, at the design fill for sewage.
 */
record MinimumSlope(double slope, String basis, String status) {

    static MinimumSlope of(DrainPipe pipe, NetworkRules rules) {
        int dn = pipe.dnMm();
        boolean plastic = rules.plastic(pipe.material());
        for (SizeRow row : rules.minSlopes) {
            if (row.networks().contains(pipe.network()) && dn <= row.dnMax()) {
                return new MinimumSlope(plastic ? row.plasticValue() : row.value(),
                        "table: " + row.note() + (plastic ? " (plastic or unknown material)" : ""), row.status());
            }
        }
        return byVelocity(pipe, dn, plastic, rules);
    }

    private static MinimumSlope byVelocity(DrainPipe pipe, int dn, boolean plastic, NetworkRules rules) {
        double diameter = dn / 1000.0;
        double n = plastic ? rules.manningPlastic : rules.manningOther;
        boolean rain = rules.rainNetworks.contains(pipe.network());
        double velocity = rain ? rules.rainMinVelocity : rules.sewageMinVelocity;
        double radius;
        String status = "secondary";
        String filling;
        if (rain) {
            radius = diameter / 4.0;
            filling = "flowing full";
        } else {
            Fill fill = designFill(dn, rules);
            radius = hydraulicRadius(diameter, fill.fill());
            status = fill.status();
            filling = "at design fill h/D " + fill.fill();
        }
        double slope = Math.pow(velocity * n / Math.pow(radius, 2.0 / 3.0), 2);
        return new MinimumSlope(slope, String.format("Manning: %.2f m/s %s, n = %.3f", velocity, filling, n), status);
    }

    private static Fill designFill(int dn, NetworkRules rules) {
        return rules.sewageFill.stream().filter(f -> dn <= f.dnMax()).findFirst()
                .orElse(rules.sewageFill.get(rules.sewageFill.size() - 1));
    }

    /** Hydraulic radius of a circular pipe of diameter d flowing at depth fill·d. */
    static double hydraulicRadius(double d, double fill) {
        double theta = 2 * Math.acos(1 - 2 * fill);
        double area = d * d / 8 * (theta - Math.sin(theta));
        double wetted = d * theta / 2;
        return area / wetted;
    }
}
