package cn.compoundgis.survey.stage;

import java.util.LinkedHashMap;
import java.util.Map;

/** What happened to one delivered layer (one shapefile). */
public final class LayerReport {
    public String file;
    public String layer;
    public String recognizedBy;
    public String network;
    public String shapeType;
    public String encoding;
    public String encodingHow;
    public String crs;
    public String crsHow;
    public Map<String, String> fields = new LinkedHashMap<>();
    public java.util.List<String> unmappedFields = new java.util.ArrayList<>();
    public int read;
    public int accepted;
    public int rejected;
    public boolean skipped;
    public String skippedBecause;
}
