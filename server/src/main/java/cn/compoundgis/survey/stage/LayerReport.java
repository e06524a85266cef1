package cn.compoundgis.survey.stage;

import cn.compoundgis.http.Message;
import java.util.LinkedHashMap;
import java.util.Map;

/** What happened to one delivered layer (one shapefile). */
public final class LayerReport {
    public String file;
    /** The name the upload's mapping knows this layer by ({"layers": {layer_name: kind}}). */
    public String layerName;
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
    /**
     * The English texts above as codes and parameters, for a client's own wording (issue 14 point 5): layer
     * (recognizedBy), encoding (encodingHow), crs (crsHow), skipped (skippedBecause).
     */
    public Map<String, Message> how = new LinkedHashMap<>();
    /** A skipped layer: the layers its shape type can be mapped to, for the map's mapping screen. */
    public java.util.List<String> mappableAs = new java.util.ArrayList<>();
    /** A recognised layer: the properties no field of the file was matched to, which the mapping can name. */
    public java.util.List<String> mappableFields = new java.util.ArrayList<>();
}
