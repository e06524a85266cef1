package cn.compoundgis.dashboard;

import java.util.function.Function;

/**
 * The compound table's columns in export order: the JSON key (also the {@code sort=} name), the zh-CN and English
 * headers, and the kind of value, so the CSV and the XLSX export head and type the same columns the same way.
 */
enum DashboardColumn {
    CODE("code", "小区编码", "code", Kind.TEXT, DashboardQueries.Row::code),
    NAME("name", "小区名称", "name", Kind.TEXT, DashboardQueries.Row::name),
    DISTRICT("district", "区县", "district", Kind.TEXT, DashboardQueries.Row::district),
    RENOVATION_STATUS("renovation_status", "改造状态", "renovation status", Kind.STATUS,
            DashboardQueries.Row::renovationStatus),
    RENOVATION_YEAR("renovation_year", "改造批次", "renovation year", Kind.YEAR, DashboardQueries.Row::renovationYear),
    HOUSEHOLDS("households", "户数", "households", Kind.COUNT, DashboardQueries.Row::households),
    SITE_AREA_M2("site_area_m2", "占地面积(m²)", "site area (m²)", Kind.MEASURE, DashboardQueries.Row::siteAreaM2),
    PIPE_LENGTH_M("pipe_length_m", "排水管道长度(m)", "drainage pipe length (m)", Kind.MEASURE,
            DashboardQueries.Row::pipeLengthM),
    STALLS_ADDED("stalls_added", "新增停车位", "parking stalls added", Kind.COUNT, DashboardQueries.Row::stallsAdded),
    STARTED_ON("started_on", "开工日期", "started on", Kind.DATE, DashboardQueries.Row::startedOn),
    COMPLETED_ON("completed_on", "完工日期", "completed on", Kind.DATE, DashboardQueries.Row::completedOn),
    ACCEPTED_ON("accepted_on", "验收日期", "accepted on", Kind.DATE, DashboardQueries.Row::acceptedOn),
    PROPERTY_MANAGEMENT("property_management", "物业管理", "property management", Kind.YES_NO,
            DashboardQueries.Row::propertyManagement),
    OWNERS_COMMITTEE("owners_committee", "业主委员会", "owners' committee", Kind.YES_NO,
            DashboardQueries.Row::ownersCommittee);

    /** How a column's values are written: text, a status label, numbers, dates, or yes/no. */
    enum Kind { TEXT, STATUS, YEAR, COUNT, MEASURE, DATE, YES_NO }

    final String key;
    final String zh;
    final String en;
    final Kind kind;
    private final Function<DashboardQueries.Row, Object> value;

    DashboardColumn(String key, String zh, String en, Kind kind, Function<DashboardQueries.Row, ?> value) {
        this.key = key;
        this.zh = zh;
        this.en = en;
        this.kind = kind;
        this.value = value::apply;
    }

    String header(ExportLanguage lang) {
        return lang == ExportLanguage.EN ? en : zh;
    }

    Object value(DashboardQueries.Row row) {
        return value.apply(row);
    }

    static String yesNo(boolean value, ExportLanguage lang) {
        if (lang == ExportLanguage.EN) {
            return value ? "yes" : "no";
        }
        return value ? "是" : "否";
    }
}
