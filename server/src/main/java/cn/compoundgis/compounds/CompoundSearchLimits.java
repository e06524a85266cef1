package cn.compoundgis.compounds;

/**
 * The bounds of {@code GET /api/compounds/search}. Defaults: 20 compounds a page, at most 100; a query of at most
 * 100 characters; each search first brings the pinyin of at most 1 000 new or renamed compounds up to date (a
 * register import of 5 000 is caught up by the first five searches, none of them slow).
 */
public record CompoundSearchLimits(int defaultLimit, int maxLimit, int maxQueryChars, int pinyinBatch) {
    public static final CompoundSearchLimits DEFAULTS = new CompoundSearchLimits(20, 100, 100, 1_000);
}
