package cn.compoundgis.demo;

/**
 * The six networks of the demo (CJJ 61 codes, standards.md §1) and where each runs. Offsets are from a road
 * centreline (metres; + is the left of the spine looking from the gate and the far side of a branch road).
 * They keep the horizontal clearances of GB 50289 table 4.1.9 (standards.md §4) between neighbours, pipe wall
 * to pipe wall: YS-WS 2.5, YS-JS 2.5 (>= 1.0), JS-DL 1.1 (>= 0.5), WS-RQ 1.7 (>= 1.2 medium B),
 * RQ-TX 1.2 (>= 1.0 duct), DL-TX 9.0; and every network keeps its clearance from building walls.
 */
enum DemoNetwork {
    /** Rain 雨水, gravity, laid in the carriageway. */
    YS(true, 1.0, new double[] {0.0}, 2.5),
    /** Sewage 污水, gravity; its laterals try 2 m either side of the rain lateral, wherever they clear the walls. */
    WS(true, -1.5, new double[] {-2.0, 2.0}, 2.5),
    /** Water supply 给水 (distribution JP); building-water 1.0 m for d <= 200 [M]. */
    JS(false, 3.5, new double[0], 1.0),
    /** Natural gas 燃气 (TR); building-gas 1.0 m for medium B [M]. */
    RQ(false, -3.2, new double[0], 1.0),
    /** Power supply 电力 (GD); building-power 0.6 m [M]. */
    DL(false, 4.6, new double[0], 0.6),
    /** Telecom 通信 (data XX / cable TV DS) in duct; building-telecom duct 1.5 m [M]. */
    TX(false, -4.4, new double[0], 1.5);

    final boolean gravity;
    final double roadOffset;
    final double[] lateralShifts;
    final double buildingClearance;

    DemoNetwork(boolean gravity, double roadOffset, double[] lateralShifts, double buildingClearance) {
        this.gravity = gravity;
        this.roadOffset = roadOffset;
        this.lateralShifts = lateralShifts;
        this.buildingClearance = buildingClearance;
    }

    /** Network code and point number prefix (YS12, JS3 ...). */
    String code() {
        return name();
    }
}
