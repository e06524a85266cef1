package cn.compoundgis.compounds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The import's column names as data: renovation item columns in their naming scheme, and .dbf field names cut to
 * 10 bytes matched as the cut of a longer name in the .dbf's own encoding, unless two fields share the cut.
 */
class ImportColumnsTest {
    private static final Charset GBK = Charset.forName("GB18030");
    private final ImportColumns columns = ImportColumns.get();

    @Test
    void item_columns_follow_the_naming_scheme_of_import_columns_json() {
        assertThat(columns.field("rain_pipe_m_planned")).contains("items.rain_pipe_m.planned_quantity");
        assertThat(columns.field("雨水管道_完成（m）")).contains("items.rain_pipe_m.done_quantity");
        assertThat(columns.field("加装电梯计划")).contains("items.elevators_added.planned_quantity");
        assertThat(columns.field("jzdt_wc")).contains("items.elevators_added.done_quantity");
        assertThat(columns.field("rain_pipe_m")).isEmpty();
    }

    @Test
    void every_item_has_short_dbf_names_for_both_quantities() throws Exception {
        JsonNode shortNames;
        try (InputStream in = ImportColumns.class.getResourceAsStream(ImportColumns.RESOURCE)) {
            shortNames = new ObjectMapper().readTree(in).path("item_columns").path("short_names");
        }
        for (String code : RegisterCodes.get().itemCodes()) {
            String shortName = shortNames.path(code).asText();
            for (String[] q : new String[][] {{"planned_quantity", "_JH"}, {"done_quantity", "_WC"}}) {
                String dbfName = shortName + q[1];
                assertThat(dbfName.getBytes(StandardCharsets.UTF_8).length).as(dbfName).isLessThanOrEqualTo(10);
                assertThat(columns.dbfField(dbfName, GBK)).contains(ImportColumns.itemField(code, q[0]));
            }
        }
    }

    @Test
    void a_dbf_name_cut_at_ten_bytes_is_matched_in_its_own_encoding() {
        // UTF-8: three bytes a character, so 小区编码 keeps 小区编 (the fourth cut in two and dropped)
        assertThat(columns.dbfField("小区编", StandardCharsets.UTF_8)).contains("code");
        assertThat(columns.dbfField("建成年", StandardCharsets.UTF_8)).contains("built_year");
        // GBK: two bytes a character, so 小区编码 fits whole and 中央补助资金 keeps five characters
        assertThat(columns.dbfField("小区编码", GBK)).contains("code");
        assertThat(columns.dbfField("中央补助资", GBK)).contains("funding_central_10k_yuan");
        assertThat(columns.dbfField("中央补助资", StandardCharsets.UTF_8)).isEmpty();
        assertThat(columns.dbfField("funding_ce", GBK)).contains("funding_central_10k_yuan");
        assertThat(columns.dbfField("雨水管道计", GBK)).contains("items.rain_pipe_m.planned_quantity");
    }

    @Test
    void a_cut_two_fields_share_names_neither() {
        // renovation_category, renovation_year and renovation_status all keep 'renovation'
        assertThat(columns.dbfField("renovation", GBK)).isEmpty();
        // 雨水管道_计划 and 雨水管道_完成 both keep 雨水管 in UTF-8
        assertThat(columns.dbfField("雨水管", StandardCharsets.UTF_8)).isEmpty();
        assertThat(columns.dbfField("GZLB", GBK)).contains("renovation_category");
    }
}
