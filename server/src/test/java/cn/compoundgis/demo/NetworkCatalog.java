package cn.compoundgis.demo;

import static cn.compoundgis.demo.DemoLayout.CABLE_TOP_DEPTH_M;
import static cn.compoundgis.demo.DemoLayout.DN_STEP;
import static cn.compoundgis.demo.DemoLayout.GAS_DE;
import static cn.compoundgis.demo.DemoLayout.GAS_TOP_DEPTH_M;
import static cn.compoundgis.demo.DemoLayout.POWER_CONDUIT_DN;
import static cn.compoundgis.demo.DemoLayout.RAIN_DN_DEFAULT_MAX;
import static cn.compoundgis.demo.DemoLayout.RAIN_DN_DEFAULT_MIN;
import static cn.compoundgis.demo.DemoLayout.RAIN_SLOPE_MAX;
import static cn.compoundgis.demo.DemoLayout.RAIN_SLOPE_MIN;
import static cn.compoundgis.demo.DemoLayout.SEWER_SLOPE_MAX;
import static cn.compoundgis.demo.DemoLayout.SEWER_DN_MAX;
import static cn.compoundgis.demo.DemoLayout.SEWER_DN_MIN;
import static cn.compoundgis.demo.DemoLayout.SEWER_SLOPE_MIN;
import static cn.compoundgis.demo.DemoLayout.TELECOM_DUCT_HEIGHT_MM;
import static cn.compoundgis.demo.DemoLayout.TELECOM_DUCT_WIDTH_MM;
import static cn.compoundgis.demo.DemoLayout.WATER_DN;
import static cn.compoundgis.demo.DemoLayout.WATER_TOP_DEPTH_M;

import cn.compoundgis.demo.NetworkGraph.CutType;
import cn.compoundgis.demo.NetworkGraph.Edge;
import cn.compoundgis.demo.NetworkGraph.Node;
import cn.compoundgis.demo.RunRouter.RunKind;
import java.util.Set;

/**
 * What the points and pipes of each network are called and made of, in the vocabulary of CJJ 61 survey
 * tables (standards.md §2): feature 特征 or appurtenance 附属物 of a point, sizes, materials, owners.
 */
final class NetworkCatalog {
    /** Appurtenances that are chambers: their well depth is surveyed and they are measured in the open. */
    static final Set<String> CHAMBERS = Set.of("检修井", "雨水箅", "化粪池", "水表井", "阀门井", "工井", "人孔", "手孔");
    static final Set<String> DRAIN_CHAMBERS = Set.of("检修井", "雨水箅", "化粪池");
    static final String OUTFALL = "出水口";
    static final String MUNICIPAL_OWNER = "县市政工程处";

    /** Feature xor appurtenance of a point (the schema checks exactly one is set). */
    record PointName(String feature, String appurtenance) {
        static PointName feature(String name) {
            return new PointName(name, null);
        }

        static PointName appurtenance(String name) {
            return new PointName(null, name);
        }

        boolean chamber() {
            return appurtenance != null && CHAMBERS.contains(appurtenance);
        }
    }

    private NetworkCatalog() {
    }

    // ---- sizes -------------------------------------------------------------------------------------------------

    /** Sizes from the smallest (heads) to the largest (at the root). */
    static int[] sizes(DemoNetwork network, CompoundRow row) {
        return switch (network) {
            case YS -> steps(row.rainDnMin() == null ? RAIN_DN_DEFAULT_MIN : row.rainDnMin(),
                    row.rainDnMax() == null ? RAIN_DN_DEFAULT_MAX : row.rainDnMax());
            case WS -> steps(SEWER_DN_MIN, SEWER_DN_MAX);
            case JS -> WATER_DN;
            case RQ -> GAS_DE;
            case DL -> POWER_CONDUIT_DN;
            case TX -> new int[] {TELECOM_DUCT_WIDTH_MM};
        };
    }

    private static int[] steps(int min, int max) {
        int[] out = new int[(max - min) / DN_STEP + 1];
        for (int i = 0; i < out.length; i++) {
            out[i] = min + i * DN_STEP;
        }
        return out;
    }

    static double slopeMin(DemoNetwork network) {
        return network == DemoNetwork.YS ? RAIN_SLOPE_MIN : SEWER_SLOPE_MIN;
    }

    static double slopeMax(DemoNetwork network) {
        return network == DemoNetwork.YS ? RAIN_SLOPE_MAX : SEWER_SLOPE_MAX;
    }

    static double[] topDepthRange(DemoNetwork network) {
        return switch (network) {
            case JS -> WATER_TOP_DEPTH_M;
            case RQ -> GAS_TOP_DEPTH_M;
            case DL, TX -> CABLE_TOP_DEPTH_M;
            default -> throw new IllegalArgumentException(network + " is measured to the invert");
        };
    }

    // ---- points ------------------------------------------------------------------------------------------------

    static PointName pointName(DemoNetwork network, NetworkGraph g, Node n, boolean inConduit) {
        boolean root = n == g.root;
        RunKind kind = g.kindOf(n);
        boolean oddNumber = Integer.parseInt(n.pointNo.substring(2)) % 2 == 1;
        return switch (network) {
            case YS -> root ? PointName.feature(OUTFALL) : rainChamber(n, kind, oddNumber);
            case WS -> root ? PointName.feature(OUTFALL) : sewerChamber(n, kind);
            case JS -> root ? PointName.appurtenance("水表井") : waterPoint(n, kind, oddNumber);
            case RQ -> root ? PointName.appurtenance("阀门") : gasPoint(n);
            case DL -> root ? PointName.appurtenance("工井") : powerPoint(n, kind, inConduit);
            case TX -> root ? PointName.appurtenance("交接箱") : telecomPoint(n);
        };
    }

    /** Manholes, with grates (雨水箅) at the heads and every other point of the laterals and the wall ring. */
    private static PointName rainChamber(Node n, RunKind kind, boolean oddNumber) {
        boolean collecting = kind == RunKind.LATERAL || kind == RunKind.PERIMETER;
        boolean grate = collecting && n.degree() <= 2 && (n.isLeaf() || oddNumber);
        return PointName.appurtenance(grate ? "雨水箅" : "检修井");
    }

    /** Manholes, with a septic tank at the head of each lateral. */
    private static PointName sewerChamber(Node n, RunKind kind) {
        return PointName.appurtenance(kind == RunKind.LATERAL && n.isLeaf() ? "化粪池" : "检修井");
    }

    private static PointName waterPoint(Node n, RunKind kind, boolean oddNumber) {
        if (fitting(n)) {
            return PointName.appurtenance("阀门井");
        }
        return hydrant(n, kind, oddNumber) ? PointName.appurtenance("消防栓") : pressureFeature(n);
    }

    /** A regulator box a few metres into each branch: medium pressure B before it, low after it. */
    private static PointName gasPoint(Node n) {
        return fitting(n) ? PointName.appurtenance("调压箱") : pressureFeature(n);
    }

    /** Cable pits at the junctions and (in conduit) along the way; a box substation at the trunk head. */
    private static PointName powerPoint(Node n, RunKind kind, boolean inConduit) {
        if (n.degree() >= 3) {
            return PointName.appurtenance("工井");
        }
        if (n.isLeaf() && kind == RunKind.TRUNK) {
            return PointName.appurtenance("箱变");
        }
        return n.isLeaf() || inConduit ? PointName.appurtenance("手孔") : PointName.feature("直线点");
    }

    private static PointName telecomPoint(Node n) {
        return PointName.appurtenance(n.degree() >= 3 ? "人孔" : "手孔");
    }

    /** Hydrants at the dead ends of the branch mains and at every other straight point of the trunk. */
    private static boolean hydrant(Node n, RunKind kind, boolean oddNumber) {
        boolean branchEnd = n.isLeaf() && kind == RunKind.BRANCH;
        boolean trunkStraight = n.degree() == 2 && kind == RunKind.TRUNK && n.type == CutType.STRAIGHT && oddNumber;
        return branchEnd || trunkStraight;
    }

    private static boolean fitting(Node n) {
        return n.type == CutType.FITTING && n.degree() == 2;
    }

    private static PointName pressureFeature(Node n) {
        if (n.degree() >= 3) {
            return PointName.feature(n.degree() == 3 ? "三通" : n.degree() == 4 ? "四通" : "多通");
        }
        if (n.isLeaf()) {
            return PointName.feature("预留口");
        }
        if (n.in.get(0).dn != n.out.dn) {
            return PointName.feature("变径");
        }
        return PointName.feature(n.type == CutType.BEND ? "弯头" : "直线点");
    }

    static String coverLabel(DemoNetwork network, PointName name) {
        if (name.appurtenance() == null || !DRAIN_CHAMBERS.contains(name.appurtenance())) {
            return null;
        }
        return network == DemoNetwork.YS ? "雨" : "污";
    }

    // ---- pipes -------------------------------------------------------------------------------------------------

    static String subtype(DemoNetwork network, boolean cableTv) {
        return switch (network) {
            case YS, WS -> null;
            case JS -> "JP";
            case RQ -> "TR";
            case DL -> "GD";
            case TX -> cableTv ? "DS" : "XX";
        };
    }

    static String owner(DemoNetwork network, boolean cableTv) {
        return switch (network) {
            case YS, WS -> MUNICIPAL_OWNER;
            case JS -> "全椒县自来水公司";
            case RQ -> "港华燃气";
            case DL -> "国网全椒县供电公司";
            case TX -> cableTv ? "全椒县广电网络公司" : "中国电信全椒分公司";
        };
    }

    static String material(DemoNetwork network, int dn, boolean inConduit) {
        return switch (network) {
            case YS -> dn >= 500 ? "钢筋混凝土" : "HDPE";
            case WS -> "HDPE";
            case JS -> "球墨铸铁";
            case RQ -> "PE";
            case DL -> inConduit ? "MPP" : "铜芯电缆";
            case TX -> "PVC";
        };
    }

    static String burialMethod(DemoNetwork network, boolean inConduit) {
        return switch (network) {
            case DL -> inConduit ? "穿管" : "直埋";
            case TX -> "管块";
            default -> "直埋";
        };
    }

    /** Gas: medium pressure B on the trunk and up to each branch's regulator, low pressure after it. */
    static String pressureClass(DemoNetwork network, NetworkGraph g, Edge e) {
        if (network != DemoNetwork.RQ) {
            return null;
        }
        boolean upstreamOfRegulator = g.runOf(e).kind() == RunKind.TRUNK || e.from.type == CutType.FITTING;
        return upstreamOfRegulator ? "medium_b" : "low";
    }

    static Double voltageKv(DemoNetwork network, NetworkGraph g, Edge e) {
        if (network != DemoNetwork.DL) {
            return null;
        }
        return g.runOf(e).kind() == RunKind.TRUNK ? 10.0 : 0.4;
    }

    static String sizeText(DemoNetwork network, int dn, boolean inConduit) {
        return switch (network) {
            case YS, WS, JS -> "DN" + dn;
            case RQ -> "Φ" + dn;
            case DL -> inConduit ? "Φ" + dn : null;
            case TX -> TELECOM_DUCT_WIDTH_MM + "×" + TELECOM_DUCT_HEIGHT_MM;
        };
    }

}
