package cn.compoundgis.compounds;

import cn.compoundgis.http.ApiError;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A compound record's entity tag is its current version ({@code version_id}), quoted: {@code "1234"}. An
 * {@code If-Match} header (RFC 9110 §13.1.1) lists the tags a write may replace; {@code *} (or no header) any.
 */
final class IfMatch {
    /** A strong or weak tag, as clients send them back ({@code "12"}, {@code W/"12"}); weak ones compare alike. */
    private static final Pattern TAG = Pattern.compile("\\s*(?:W/)?\"(\\d{1,18})\"\\s*");
    /** Tags one header may list: an editor sends one, a client that lists more than this is confused. */
    private static final int MAX_TAGS = 20;

    private IfMatch() {
    }

    static String etag(long versionId) {
        return "\"" + versionId + "\"";
    }

    /** The versions {@code header} allows, or null when any is (no header, or {@code *}). */
    static Set<Long> versions(String header) {
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return null;
        }
        String[] tags = header.split(",");
        if (tags.length > MAX_TAGS) {
            throw ApiError.badParameter("If-Match lists " + tags.length + " entity tags; at most " + MAX_TAGS);
        }
        Set<Long> versions = new LinkedHashSet<>();
        for (String tag : tags) {
            Matcher m = TAG.matcher(tag);
            if (!m.matches()) {
                throw ApiError.badParameter("If-Match must list the ETag of a compound record as it was sent, e.g."
                        + " \"1234\"; got " + CompoundInput.shown(tag.strip()));
            }
            versions.add(Long.parseLong(m.group(1)));
        }
        return versions;
    }
}
