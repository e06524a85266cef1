package cn.compoundgis.demo;

import java.util.List;
import java.util.stream.Stream;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

/**
 * The surface layout of one compound in its local frame: a main road (spine) from the gate at u = minU along
 * v = spineV, branch roads across it between the columns of buildings, rows of blocks on both sides, and the
 * lines between the rows where the drain laterals run.
 */
record SitePlan(
        LocalFrame frame,
        double spineV,
        boolean throughSpine,
        Road spine,
        List<Road> branches,
        List<Column> columns,
        List<PlannedBuilding> buildings,
        List<LateralLine> laterals,
        double rowGap) {

    enum RoadKind { SPINE, BRANCH }

    /** A compound road: centreline, carriageway width and whether it is a designated fire lane. */
    record Road(String name, RoadKind kind, LineString centreline, double carriagewayM, boolean fireLane) {
    }

    /**
     * A column of buildings between two branch road centrelines (or the wall): blocks occupy
     * [buildingStartU, buildingEndU], {@code slots} per row, each at most {@code slotLength} long.
     */
    record Column(int index, double startU, double endU, double buildingStartU, double buildingEndU,
                  int slots, double slotLength) {
    }

    record PlannedBuilding(Polygon footprint, int number, int units, int floors, int households, boolean elevator,
                           int builtYear, int column, int side, int row) {
        double backV() {
            return side > 0 ? footprint.getEnvelopeInternal().getMaxY() : footprint.getEnvelopeInternal().getMinY();
        }
    }

    /** A line between two rows (or behind the last row) of one column, on side +1 or -1 of the spine. */
    record LateralLine(int column, int side, double v) {
    }

    Stream<Road> roads() {
        return Stream.concat(Stream.of(spine), branches.stream());
    }

    List<Road> fireLanes() {
        return roads().filter(Road::fireLane).toList();
    }

    List<Polygon> footprints() {
        return buildings.stream().map(PlannedBuilding::footprint).toList();
    }

    int households() {
        return buildings.stream().mapToInt(PlannedBuilding::households).sum();
    }

    /** Centreline u of the branch road on the west (gate) side of a column, if there is one. */
    Double branchWestOf(Column c) {
        return c.index() == 0 ? null : c.startU();
    }
}
