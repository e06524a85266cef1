package cn.compoundgis.checks.network;

/** Rounding for the numbers findings report (millimetres for lengths, 5 decimals for slopes). */
final class Metres {
    private Metres() {
    }

    static Double mm(Double metres) {
        return metres == null ? null : Math.round(metres * 1000.0) / 1000.0;
    }

    static Double slope(Double slope) {
        return slope == null ? null : Math.round(slope * 100000.0) / 100000.0;
    }
}
