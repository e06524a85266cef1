package cn.compoundgis.geo;

import cn.compoundgis.http.ApiError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The CRSs offered for output and for bbox: CRS84, EPSG:4326, EPSG:4490 (CGCS2000), EPSG:3857 and the working CRS. */
public final class CrsRegistry {
    private static final int MAX_EPSG_DIGITS = 6;
    private static final Pattern EPSG_URI = Pattern.compile("^https?://www\\.opengis\\.net/def/crs/EPSG/0/(\\d+)$");
    private static final Pattern EPSG_CODE = Pattern.compile("^\\[?EPSG:(\\d+)]?$", Pattern.CASE_INSENSITIVE);
    private static final int CGCS2000_GEOGRAPHIC = 4490;
    private static final int WEB_MERCATOR = 3857;

    private final Map<Integer, Crs> byEpsg = new LinkedHashMap<>();
    private final Crs storage;

    public CrsRegistry(int workingSrid) {
        byEpsg.put(4326, new Crs(Crs.epsgUri(4326), 4326, true, 8));
        byEpsg.put(CGCS2000_GEOGRAPHIC, new Crs(Crs.epsgUri(CGCS2000_GEOGRAPHIC), CGCS2000_GEOGRAPHIC, true, 8));
        byEpsg.put(WEB_MERCATOR, new Crs(Crs.epsgUri(WEB_MERCATOR), WEB_MERCATOR, false, 3));
        storage = byEpsg.computeIfAbsent(workingSrid, CrsRegistry::projected);
    }

    private static Crs projected(int srid) {
        // EPSG gives the CGCS2000 Gauss-Kruger systems northing (X) first.
        boolean northingFirst = GaussKrugerFamily.ofEpsg(srid).isPresent();
        return new Crs(Crs.epsgUri(srid), srid, northingFirst, 3);
    }

    public Crs storage() {
        return storage;
    }

    /** Every supported CRS, CRS84 first (the default of OGC API - Features). */
    public List<Crs> all() {
        var list = new java.util.ArrayList<Crs>();
        list.add(Crs.CRS84);
        list.addAll(byEpsg.values());
        return list;
    }

    /** Reads a crs or bbox-crs value: an OGC URI, {@code EPSG:nnnn}, {@code [EPSG:nnnn]} or {@code CRS84}. */
    public Crs parse(String parameter, String value) {
        String v = value.trim();
        String upper = v.toUpperCase(Locale.ROOT);
        if (v.equals(Crs.CRS84_URI) || v.equals(Crs.CRS84_URI.replace("http:", "https:"))
                || upper.equals("CRS84") || upper.equals("OGC:CRS84") || upper.equals("[OGC:CRS84]")) {
            return Crs.CRS84;
        }
        Matcher m = EPSG_URI.matcher(v);
        if (!m.matches()) {
            m = EPSG_CODE.matcher(v);
        }
        if (m.matches()) {
            Crs crs = m.group(1).length() > MAX_EPSG_DIGITS ? null : byEpsg.get(Integer.parseInt(m.group(1)));
            if (crs != null) {
                return crs;
            }
        }
        throw ApiError.badParameter(parameter + "=" + value + " is not supported; use one of "
                + all().stream().map(Crs::uri).toList() + " (EPSG:nnnn is accepted as a short form)");
    }
}
