package cn.compoundgis.survey.shapefile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written scanner answers exactly as the grammar's regular expressions (the former implementation). */
class StrictNumberTest {
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d{1,3})?");
    private static final Pattern WHOLE = Pattern.compile("[-+]?\\d{1,18}");

    private static Optional<Number> byGrammar(String text) {
        if (WHOLE.matcher(text).matches()) {
            return Optional.of(Long.parseLong(text));
        }
        if (!DECIMAL.matcher(text).matches()) {
            return Optional.empty();
        }
        double d = Double.parseDouble(text);
        return Double.isFinite(d) ? Optional.of(d) : Optional.empty();
    }

    @Test
    void surveyValuesAndMistakesAreReadAsTheGrammarSays() {
        List<String> cases = List.of("", "+", "-", ".", "5", "-5", "+05", "5.", ".5", "-.5", "1.25", "12.500", "1e5", "1E-3",
                "1.5e+10", "1e", "1e+", "1e1234", "1e999", "400d", "0x1p3", "NaN", "Infinity", "-Infinity", "1 2", " 1",
                "1.2.3", "--1", "+-1", "123456789012345678", "1234567890123456789", "-999999999999999999", "１２",
                "٣", "1,5", "1_000", "e5", ".e5", "5.e5", "00.00");
        for (String text : cases) {
            assertThat(StrictNumber.parse(text)).as("'%s'", text).isEqualTo(byGrammar(text));
        }
    }

    @Test
    void randomStringsOfNumberCharactersAgreeWithTheGrammar() {
        Random random = new Random(13);
        String alphabet = "0123456789+-.eE dx";
        List<String> differ = new ArrayList<>();
        for (int k = 0; k < 200_000; k++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(8);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = text.toString();
            if (!StrictNumber.parse(s).equals(byGrammar(s))) {
                differ.add(s);
            }
        }
        assertThat(differ).isEmpty();
    }
}
