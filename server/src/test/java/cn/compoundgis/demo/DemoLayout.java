package cn.compoundgis.demo;

/**
 * Every number the demo layout is made of, in one place. "standards.md" is /shared/domain/standards.md (the
 * domain reference); values marked [demo] are plausible choices of this generator, not rules.
 * Lengths are metres in the local frame of a compound (u along its long axis from the gate, v across it).
 */
final class DemoLayout {
    private DemoLayout() {
    }

    // ---- random source -------------------------------------------------------------------------------------
    /** Fixed seed: the demo data set is identical on every run. */
    static final long SEED = 20_190_601L;

    // ---- placement (standards.md §3) ---------------------------------------------------------------------------
    /** The coordinates are generated in CGCS2000 3-degree Gauss-Kruger CM 117E (standards.md §3). */
    static final int DEMO_SRID = DemoSql.FILE_SRID;
    /** 全椒县 county seat, about 118.27E 32.09N. */
    static final double COUNTY_SEAT_LON = 118.27;
    static final double COUNTY_SEAT_LAT = 32.09;
    /** The same place in EPSG:4548 (PROJ: 118.27E 32.09N -> E 619 893.2, N 3 552 538.3); the test checks it in PostGIS. */
    static final double COUNTY_SEAT_EASTING = 619_893.0;
    static final double COUNTY_SEAT_NORTHING = 3_552_538.0;
    /** Compounds sit one per cell of a 4 x 4 grid of 900 m cells around the county seat [demo]: the farthest
     *  corner lies about 2.4 km from the centre and cells are far enough apart that no two compounds overlap. */
    static final int PLACEMENT_GRID = 4;
    static final double PLACEMENT_CELL_M = 900.0;
    static final double PLACEMENT_JITTER_M = 100.0;
    static final double MAX_ROTATION_DEG = 20.0;
    /** Long side / short side of a compound rectangle [demo]. */
    static final double ASPECT_MIN = 1.2;
    static final double ASPECT_MAX = 1.7;

    // ---- roads and fire lanes (standards.md §7) ---------------------------------------------------------------
    /** Clear width of a fire lane, GB 50016-2014 7.1.8 (standards.md §7). */
    static final double FIRE_LANE_CLEAR_WIDTH_M = 4.0;
    /** Carriageway widths of the compound roads [demo, per the data brief 4.5-6 m]. */
    static final double SPINE_CARRIAGEWAY_MIN_M = 4.5;
    static final double SPINE_CARRIAGEWAY_MAX_M = 6.0;
    static final double BRANCH_CARRIAGEWAY_MIN_M = 4.5;
    static final double BRANCH_CARRIAGEWAY_MAX_M = 5.5;
    /** Road centreline to the long wall of a building facing the main road: max half carriageway 3.0 +
     *  stall depth 5.3 (standards.md §8) + 1.7 m walk; the lane edge is then 8 m from the wall, over the
     *  recommended 5 m (standards.md §7). */
    static final double SPINE_BUILDING_SETBACK_M = 10.0;
    /** Branch road centreline to a gable wall: half carriageway 2.75 + stall 5.3 + ~1 m. */
    static final double BRANCH_BUILDING_SETBACK_M = 9.0;
    /** Compound wall to the nearest building: room for a wall-side stall band (5.3 m + 0.5 m gap). */
    static final double EDGE_MARGIN_M = 7.0;
    /** A dead-end main road stops this far short of the far wall [demo]. */
    static final double SPINE_END_INSET_M = 15.0;
    /** Branch roads stop this far short of the compound wall. */
    static final double BRANCH_END_INSET_M = EDGE_MARGIN_M;
    /** Target spacing of the branch roads, i.e. the width of a column of buildings [demo]. */
    static final double COLUMN_PITCH_TARGET_M = 80.0;
    /** Every THROUGH_SPINE_EVERY-th compound has a second gate at the far end (no dead end) [demo]. */
    static final int THROUGH_SPINE_EVERY = 4;
    /** At most this many branch roads are also designated fire lanes (1-3 lanes per compound with the main road). */
    static final int MAX_BRANCH_FIRE_LANES = 2;

    // ---- buildings: 1980s-90s 5-7 storey masonry blocks [demo, per the data brief] -----------------------------
    static final double BUILDING_DEPTH_M = 12.0;
    /** A stair unit (单元) is 13.5-15 m long and serves 2 flats per floor: 3-4 units make 40-60 m blocks
     *  with 6-8 households per floor. */
    static final double UNIT_LENGTH_MIN_M = 13.5;
    static final double UNIT_LENGTH_MAX_M = 15.0;
    static final int UNITS_MIN = 3;
    static final int UNITS_MAX = 4;
    static final int HOUSEHOLDS_PER_UNIT_FLOOR = 2;
    static final int FLOORS_MIN = 5;
    static final int FLOORS_MAX = 7;
    static final double TYPICAL_BUILDING_LENGTH_M = 50.0;
    /** Gap between the gables of two blocks in one row. */
    static final double GABLE_GAP_M = 8.0;
    /** Gap between the rows, wall to wall (old compounds: about 1.0 x building height) [demo]. */
    static final double ROW_GAP_MIN_M = 15.0;
    static final double ROW_GAP_MAX_M = 25.0;
    /** Share of blocks with a retrofitted lift (the seed: "基本没有安装电梯"). */
    static final double ELEVATOR_SHARE = 0.05;
    static final int BUILT_YEAR_MIN = 1982;
    static final int BUILT_YEAR_MAX = 1998;
    static final String BUILDING_STRUCTURE = "砖混";

    // ---- underground networks ----------------------------------------------------------------------------------
    /** A rain or sewer manhole at least every 40 m (the maximum for DN300-600 is 75 m, standards.md §6). */
    static final double MANHOLE_SPACING_MAX_M = 40.0;
    /** A surveyed point on a pressure pipe or cable at least every 50 m (segments over 75 m are flagged, §2). */
    static final double POINT_SPACING_MAX_M = 50.0;
    /** Minimum cover over a drainage pipe under a carriageway, GB 50014-2021 5.3.7 (standards.md §5). */
    static final double DRAIN_MIN_COVER_M = 0.7;
    /** Extra cover at the head of a drain run [demo]. */
    static final double DRAIN_HEAD_EXTRA_COVER_MAX_M = 0.3;
    /** Rain pipe slope: at least 0.003 for DN300 (GB 50014, standards.md §6). */
    static final double RAIN_SLOPE_MIN = 0.003;
    static final double RAIN_SLOPE_MAX = 0.005;
    /** Sewer slope: at least 0.004 for DN200 inside residential areas (GB 50014 table 5.2.10) [M]. */
    static final double SEWER_SLOPE_MIN = 0.004;
    static final double SEWER_SLOPE_MAX = 0.006;
    /** The seed publishes rain pipes as dn300-dn600; the same range where a compound's row gives none. */
    static final int RAIN_DN_DEFAULT_MIN = 300;
    static final int RAIN_DN_DEFAULT_MAX = 600;
    static final int DN_STEP = 100;
    /** Sewer sizes inside a compound, DN200-DN400 (data brief; DN200 is the smallest drain surveyed, §2). */
    static final int SEWER_DN_MIN = 200;
    static final int SEWER_DN_MAX = 400;
    /** Water distribution DN100-DN200 (data brief; water is surveyed from DN100, standards.md §2). */
    static final int[] WATER_DN = {100, 150, 200};
    /** PE gas pipe outer diameters de63 / de90 / de110 [demo]. */
    static final int[] GAS_DE = {63, 90, 110};
    /** Power cable conduit diameter [demo]. */
    static final int[] POWER_CONDUIT_DN = {150};
    /** Telecom duct bank 300 x 200 mm, a 宽×高 size (standards.md §2) [demo]. */
    static final int TELECOM_DUCT_WIDTH_MM = 300;
    static final int TELECOM_DUCT_HEIGHT_MM = 200;
    /** Depth to the pipe top (pressure pipes and cables are measured to the top, standards.md §2), metres:
     *  water 0.8-1.2 (data brief), gas 0.9-1.2 (CJJ 63 cover under roads) [M], power and telecom 0.7-1.0 [M]. */
    static final double[] WATER_TOP_DEPTH_M = {0.8, 1.2};
    static final double[] GAS_TOP_DEPTH_M = {0.9, 1.2};
    static final double[] CABLE_TOP_DEPTH_M = {0.7, 1.0};
    /** Rain laterals run in the gaps between building rows, this far behind the last row's back wall. */
    static final double BEHIND_ROW_OFFSET_M = 3.0;
    /** The rain ring along the compound wall runs this far inside it [demo]. */
    static final double PERIMETER_INSET_M = 2.0;
    /** ... and comes down the gate side this far inside the wall. */
    static final double PERIMETER_GATE_SIDE_INSET_M = 1.5;
    /** The laterals of the first column turn towards the main road this far inside the wall. */
    static final double LATERAL_TURN_INSET_M = 4.5;
    /** A run is drawn past the pipe it joins by this much, then cut where it meets it. */
    static final double RUN_OVERSHOOT_M = 6.0;
    /** A run shorter than this is not laid. */
    static final double MIN_RUN_LENGTH_M = 8.0;
    /** Valve or regulator this far into a branch from its tee (pressure networks). */
    static final double BRANCH_FITTING_OFFSET_M = 3.0;
    /** The head of the trunk stops this far before the end of the main road. */
    static final double TRUNK_HEAD_INSET_M = 3.0;
    /** A pressure-network chamber (valve well, cable pit) is this much deeper than the pipe top [demo]. */
    static final double CHAMBER_BELOW_PIPE_M = 0.5;

    // ---- ground ------------------------------------------------------------------------------------------------
    /** Ground elevation about 20-25 m (全椒 county seat), rising gently away from the gate [demo]. */
    static final double GROUND_BASE_MIN_M = 20.5;
    static final double GROUND_BASE_MAX_M = 22.0;
    static final double GROUND_SLOPE_MIN = 0.001;
    static final double GROUND_SLOPE_MAX = 0.003;
    static final double GROUND_NOISE_M = 0.05;

    // ---- parking (standards.md §8) -----------------------------------------------------------------------------
    /** Perpendicular stall 2.5 x 5.3 m, common in renovations (standards.md §8). */
    static final double STALL_WIDTH_M = 2.5;
    static final double STALL_LENGTH_M = 5.3;
    /** An accessible stall gets the next slot (2.5 m) as its side aisle, at least 1.2 m (standards.md §8). */
    static final int ACCESSIBLE_AISLE_SLOTS = 1;
    /** No stall within 10 m of a gate, nor within 1 m of a building; wall-side stalls keep 0.5 m off the wall. */
    static final double GATE_CLEAR_M = 10.0;
    static final double STALL_BUILDING_CLEARANCE_M = 1.0;
    static final double WALL_BAND_GAP_M = 0.5;
    static final int STALL_GROUP_MAX = 10;
    /** Compounds without a published count (2019) get planned stalls for 10 % of households [demo]. */
    static final double PLANNED_STALLS_PER_HOUSEHOLD = 0.1;
    static final double EV_STALL_SHARE = 0.08;
    /** Demo defects: a stall painted with its near edge 0.8-1.5 m from a fire lane centreline, i.e. inside
     *  the 4 m clear width (standards.md §7, §8: stalls must never overlap a fire lane). */
    static final double DEFECT_STALL_EDGE_MIN_M = 0.8;
    static final double DEFECT_STALL_EDGE_MAX_M = 1.5;

    // ---- obstacles (standards.md §7: nothing may stand in the clear width) --------------------------------------
    static final int OBSTACLES_MIN = 3;
    static final int OBSTACLES_MAX = 6;
    static final double CAR_LENGTH_M = 4.8;
    static final double CAR_WIDTH_M = 2.0;
    static final double SHED_LENGTH_M = 4.0;
    static final double SHED_DEPTH_M = 3.0;
    static final double RESOLVED_SHARE = 0.3;
    static final int OBSERVED_YEAR = 2019;
}
