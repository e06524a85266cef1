package cn.compoundgis.dashboard;

import cn.compoundgis.compounds.RegisterCodes;
import cn.compoundgis.http.Json;
import cn.compoundgis.http.Params;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The city dashboard: {@code GET /api/dashboard} (the totals a housing bureau reports each month),
 * {@code GET /api/dashboard/compounds} (the compound table as JSON) and {@code GET /api/dashboard/compounds.csv}
 * (the same rows as CSV for Excel) and {@code GET /api/dashboard/compounds.xlsx} (as a typed XLSX workbook). All take {@code district=}, {@code renovation_year=}, {@code renovation_status=}.
 */
public final class DashboardApi {
    static final String SUMMARY_PATH = "/api/dashboard";
    static final String TABLE_PATH = "/api/dashboard/compounds";
    static final String CSV_PATH = "/api/dashboard/compounds.csv";
    static final String XLSX_PATH = "/api/dashboard/compounds.xlsx";
    private static final String PAGE_RESOURCE = "/web/dashboard.html";
    /** Rows per page of the JSON table unless limit= says otherwise, and the most one page may hold. */
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    /** The most rows one CSV or XLSX export holds (a city has a few thousand old compounds). */
    static final int MAX_EXPORT_ROWS = 50_000;
    private static final Set<String> TABLE_PARAMETERS = with(DashboardFilter.PARAMETERS, "sort", "order", "limit", "offset");
    private static final Set<String> EXPORT_PARAMETERS = with(DashboardFilter.PARAMETERS, "sort", "order", "lang");
    /** UTF-8 byte order mark: without it Excel reads the file as the local code page and garbles Chinese. */
    private static final String BOM = "\uFEFF";

    private final DashboardQueries queries;

    public DashboardApi(DataSource dataSource) {
        this.queries = new DashboardQueries(dataSource);
    }

    public static void page(Context ctx) throws IOException {
        try (java.io.InputStream in = DashboardApi.class.getResourceAsStream(PAGE_RESOURCE)) {
            if (in == null) {
                throw new IOException(PAGE_RESOURCE + " is missing from the build");
            }
            ctx.contentType("text/html; charset=utf-8").result(in.readAllBytes());
        }
    }

    public void summary(Context ctx) throws SQLException {
        DashboardFilter filter = DashboardFilter.read(ctx, DashboardFilter.PARAMETERS, SUMMARY_PATH);
        String totals = queries.summaryJson(filter);
        ctx.contentType("application/json").result("{\"filter\":" + filterJson(filter) + ",\"totals\":" + totals + "}");
    }

    public void table(Context ctx) throws SQLException {
        DashboardFilter filter = DashboardFilter.read(ctx, TABLE_PARAMETERS, TABLE_PATH);
        String orderBy = DashboardSort.orderBy(ctx.queryParam("sort"), ctx.queryParam("order"));
        int limit = Params.pageLimit(ctx.queryParam("limit"), DEFAULT_LIMIT, MAX_LIMIT);
        long offset = Params.pageOffset(ctx.queryParam("offset"));
        DashboardQueries.Page page = queries.compounds(filter, orderBy, limit, offset);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.rows().stream().map(DashboardApi::item).toList());
        body.put("numberMatched", page.numberMatched());
        body.put("numberReturned", page.rows().size());
        body.put("limit", limit);
        body.put("offset", offset);
        ctx.json(body);
    }

    public void csv(Context ctx) throws SQLException, IOException {
        DashboardFilter filter = DashboardFilter.read(ctx, EXPORT_PARAMETERS, CSV_PATH);
        String orderBy = DashboardSort.orderBy(ctx.queryParam("sort"), ctx.queryParam("order"));
        DashboardCsv csv = new DashboardCsv(ExportLanguage.of(ctx.queryParam("lang")));
        queries.forEachCompound(filter, orderBy, MAX_EXPORT_ROWS, "CSV", csv::add);
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"compounds.csv\"");
        ctx.result((BOM + csv.text()).getBytes(StandardCharsets.UTF_8));
    }

    /** The same rows as the CSV, streamed from the SQL into an SXSSF workbook, which is sent once complete. */
    public void xlsx(Context ctx) throws SQLException, IOException {
        DashboardFilter filter = DashboardFilter.read(ctx, EXPORT_PARAMETERS, XLSX_PATH);
        String sort = ctx.queryParam("sort") == null ? "code" : ctx.queryParam("sort");
        String order = ctx.queryParam("order") == null ? "asc" : ctx.queryParam("order");
        String orderBy = DashboardSort.orderBy(sort, order);
        ExportLanguage lang = ExportLanguage.of(ctx.queryParam("lang"));
        try (DashboardXlsx xlsx = new DashboardXlsx(lang)) {
            long rows = queries.forEachCompound(filter, orderBy, MAX_EXPORT_ROWS, "XLSX", xlsx::add);
            xlsx.finish(new DashboardXlsx.Notes(filter, sort, order, rows, ZonedDateTime.now(), readableRequest(ctx)));
            ctx.contentType(DashboardXlsx.CONTENT_TYPE);
            ctx.header("Content-Disposition", "attachment; filename=\"compounds.xlsx\"");
            xlsx.write(ctx.outputStream());
        }
    }

    /** The export's path and query as a person reads it (district=全椒县, not %E5%85%A8…), for the workbook's notes. */
    private static String readableRequest(Context ctx) {
        String query = ctx.queryString();
        if (query == null || query.isEmpty()) {
            return XLSX_PATH;
        }
        try {
            return XLSX_PATH + "?" + URLDecoder.decode(query, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return XLSX_PATH + "?" + query;
        }
    }

    private static String filterJson(DashboardFilter filter) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("district", filter.district());
        f.put("renovation_year", filter.renovationYear());
        f.put("renovation_status", filter.renovationStatus());
        try {
            return Json.MAPPER.writeValueAsString(f);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> item(DashboardQueries.Row row) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("code", row.code());
        item.put("name", row.name());
        item.put("district", row.district());
        item.put("renovation_status", row.renovationStatus());
        item.put("renovation_year", row.renovationYear());
        item.put("households", row.households());
        item.put("site_area_m2", number(row.siteAreaM2()));
        item.put("pipe_length_m", number(row.pipeLengthM()));
        item.put("stalls_added", number(row.stallsAdded()));
        item.put("started_on", row.startedOn() == null ? null : row.startedOn().toString());
        item.put("completed_on", row.completedOn() == null ? null : row.completedOn().toString());
        item.put("accepted_on", row.acceptedOn() == null ? null : row.acceptedOn().toString());
        item.put("property_management", row.propertyManagement());
        item.put("owners_committee", row.ownersCommittee());
        return item;
    }

    /** 1000.0 as 1000, 12.50 as 12.5: numeric columns keep their SQL scale otherwise. */
    private static BigDecimal number(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal plain = value.stripTrailingZeros();
        return plain.scale() < 0 ? plain.setScale(0) : plain;
    }

    private static Set<String> with(Set<String> base, String... more) {
        Set<String> all = new HashSet<>(base);
        all.addAll(List.of(more));
        return Set.copyOf(all);
    }

    /** The status's label from the register's code table (compounds/register.json). */
    static String statusLabel(String code, boolean english) {
        for (JsonNode s : RegisterCodes.get().document().path("statuses")) {
            if (s.path("code").asText().equals(code)) {
                return s.path(english ? "en" : "zh-CN").asText(code);
            }
        }
        return code;
    }
}
