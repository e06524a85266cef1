package cn.compoundgis.compounds;

import java.util.Locale;
import net.sourceforge.pinyin4j.PinyinHelper;
import net.sourceforge.pinyin4j.format.HanyuPinyinCaseType;
import net.sourceforge.pinyin4j.format.HanyuPinyinOutputFormat;
import net.sourceforge.pinyin4j.format.HanyuPinyinToneType;
import net.sourceforge.pinyin4j.format.HanyuPinyinVCharType;
import net.sourceforge.pinyin4j.format.exception.BadHanyuPinyinOutputFormatCombination;

/**
 * The pinyin of a compound name, as the finder matches it: initials ({@code 南岳新村 -> nyxc}) and the full
 * syllables run together ({@code nanyuexincun}), lower case, without tones, ü written v. Latin letters and digits
 * are kept as they are (lower case: {@code A区3号 -> aq3h}); spaces and punctuation are dropped. A character with
 * several readings (a polyphone such as 长 chang/zhang) takes pinyin4j's first reading: good enough for initials,
 * and the name itself is always searched too.
 */
public final class CompoundPinyin {
    private static final HanyuPinyinOutputFormat FORMAT = new HanyuPinyinOutputFormat();

    static {
        FORMAT.setCaseType(HanyuPinyinCaseType.LOWERCASE);
        FORMAT.setToneType(HanyuPinyinToneType.WITHOUT_TONE);
        FORMAT.setVCharType(HanyuPinyinVCharType.WITH_V);
    }

    /** initials: one letter per Chinese character (the Latin letters and digits kept); full: whole syllables. */
    public record Reading(String initials, String full) {
    }

    private CompoundPinyin() {
    }

    public static Reading of(String name) {
        StringBuilder initials = new StringBuilder();
        StringBuilder full = new StringBuilder();
        name.codePoints().forEach(cp -> {
            String syllable = syllable(cp);
            if (syllable != null) {
                initials.append(syllable.charAt(0));
                full.append(syllable);
            } else if (cp < 128 && Character.isLetterOrDigit(cp)) {
                String kept = Character.toString(cp).toLowerCase(Locale.ROOT);
                initials.append(kept);
                full.append(kept);
            }
        });
        return new Reading(initials.toString(), full.toString());
    }

    /** The first reading of a Chinese character, or null when it is not one (or pinyin4j does not know it). */
    private static String syllable(int codePoint) {
        if (!Character.isBmpCodePoint(codePoint) || Character.UnicodeScript.of(codePoint) != Character.UnicodeScript.HAN) {
            return null;
        }
        try {
            String[] readings = PinyinHelper.toHanyuPinyinStringArray((char) codePoint, FORMAT);
            return readings == null || readings.length == 0 || readings[0].isEmpty() ? null : readings[0];
        } catch (BadHanyuPinyinOutputFormatCombination e) {
            throw new IllegalStateException("the pinyin format is fixed above and valid", e);
        }
    }

    /**
     * What a query means as pinyin: lower-case letters and digits with spaces and apostrophes dropped
     * ({@code "Nan Yue"} -> {@code nanyue}, {@code xi'an} -> {@code xian}); null when it holds anything else
     * (Chinese, punctuation), so that pinyin is not searched for it.
     */
    public static String query(String text) {
        String t = text.toLowerCase(Locale.ROOT).replace(" ", "").replace("'", "");
        if (t.isEmpty() || !t.chars().allMatch(ch -> (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))) {
            return null;
        }
        return t;
    }
}
