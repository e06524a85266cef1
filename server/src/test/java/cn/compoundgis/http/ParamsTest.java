package cn.compoundgis.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The strict reader of request numbers and dates: plain decimal text only, finite, years 1800-9999. */
class ParamsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void plainDecimalsAreRead() {
        assertThat(Params.decimal("dn_mm", "400")).isEqualTo(400);
        assertThat(Params.decimal("depth_m", " -1.25 ")).isEqualTo(-1.25);
        assertThat(Params.decimal("x", "2.5e3")).isEqualTo(2500);
        assertThat(Params.decimal("x", ".5")).isEqualTo(0.5);
        assertThat(Params.whole("limit", "+10")).isEqualTo(10);
        assertThat(Params.wholeInt("n", "-3")).isEqualTo(-3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"400d", "400f", "0x1p3", "0x10", "1_000", "NaN", "Infinity", "-Infinity", "1e999", "1e", "e5",
            "1.2.3", "١٢", "1 000", "", " ", "+", "-", "."})
    void anythingElseIsA400NamingTheParameter(String text) {
        assertThatThrownBy(() -> Params.decimal("dn_mm", text))
                .isInstanceOf(ApiError.class).hasMessageContaining("dn_mm")
                .satisfies(e -> assertThat(((ApiError) e).status()).isEqualTo(400));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "1e3", "0x10", "9223372036854775808", "12345678901234567890", "NaN", "1_0", ""})
    void wholeNumbersHaveDigitsOnly(String text) {
        assertThatThrownBy(() -> Params.whole("limit", text)).isInstanceOf(ApiError.class).hasMessageContaining("limit");
    }

    @Test
    void wholeIntRefusesWhatDoesNotFitAnInt() {
        assertThatThrownBy(() -> Params.wholeInt("n", "2147483648")).hasMessageContaining("out of range");
    }

    @Test
    void datesAreCalendarDatesInTheYearRange() {
        assertThat(Params.date("surveyed_on", "2019-06-01")).isEqualTo(LocalDate.of(2019, 6, 1));
        assertThat(Params.dateTime("datetime", "2024-05-01T08:00:00Z").getYear()).isEqualTo(2024);
        assertThat(Params.dateTime("datetime", "2024-05-01t08:00:00.5+08:00").getHour()).isEqualTo(8);
        for (String bad : new String[] {"+999999999-12-31", "-0001-01-01", "1799-12-31", "2019-02-30", "2019-6-1",
                "20190601", "2019-06-01T00:00", "yesterday"}) {
            assertThatThrownBy(() -> Params.date("surveyed_on", bad)).as(bad).hasMessageContaining("surveyed_on");
        }
        assertThatThrownBy(() -> Params.dateTime("datetime", "+999999999-12-31T00:00:00Z")).hasMessageContaining("datetime");
        assertThatThrownBy(() -> Params.dateTime("datetime", "2024-05-01T08:00:00")).hasMessageContaining("RFC 3339");
    }

    @Test
    void jsonNumbersAreFiniteWhetherNumbersOrText() throws Exception {
        assertThat(Params.jsonNumber("depth_m", JSON.readTree("1.5"))).isEqualTo(1.5);
        assertThat(Params.jsonNumber("depth_m", JSON.readTree("\"1.5\""))).isEqualTo(1.5);
        for (String bad : new String[] {"1e999", "\"NaN\"", "\"Infinity\"", "\"400d\"", "true", "[]", "{}", "null"}) {
            assertThatThrownBy(() -> Params.jsonNumber("depth_m", JSON.readTree(bad))).as(bad).hasMessageContaining("depth_m");
        }
    }

    @Test
    void textWithANulIsRefused() {
        assertThat(Params.text("note", "ok")).isEqualTo("ok");
        assertThat(Params.text("note", null)).isNull();
        assertThatThrownBy(() -> Params.text("note", "a\u0000b")).hasMessageContaining("note");
    }
}
