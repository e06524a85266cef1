package cn.compoundgis.compounds;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompoundPinyinTest {
    @Test
    void chineseNamesGiveInitialsAndFullPinyinWithoutTones() {
        assertThat(CompoundPinyin.of("南岳新村")).isEqualTo(new CompoundPinyin.Reading("nyxc", "nanyuexincun"));
        assertThat(CompoundPinyin.of("王曹一二期")).isEqualTo(new CompoundPinyin.Reading("wcyeq", "wangcaoyierqi"));
        assertThat(CompoundPinyin.of("绿苑").full()).as("ü is written v").isEqualTo("lvyuan");
    }

    @Test
    void latinLettersAndDigitsAreKeptAndPunctuationDropped() {
        assertThat(CompoundPinyin.of("A区3号院 (东)")).isEqualTo(new CompoundPinyin.Reading("aq3hyd", "aqu3haoyuandong"));
    }

    @Test
    void aQueryIsPinyinOnlyWhenItIsLettersAndDigits() {
        assertThat(CompoundPinyin.query("Nan Yue")).isEqualTo("nanyue");
        assertThat(CompoundPinyin.query("xi'an")).isEqualTo("xian");
        assertThat(CompoundPinyin.query("南岳")).isNull();
        assertThat(CompoundPinyin.query("c-01")).isNull();
    }

    @Test
    void likePrefixesMatchPercentAndUnderscoreLiterally() {
        assertThat(CompoundSearch.likePrefix("10%_a\\")).isEqualTo("10\\%\\_a\\\\%");
    }
}
