package cn.compoundgis.survey.shapefile;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;

/**
 * Decodes DBF field names. A name has at most 10 bytes: a UTF-8 name of four Chinese characters (12 bytes)
 * is cut inside its last character. We keep what decodes and drop the broken tail, so 物探点号 becomes 物探点
 * (matched by prefix later) and the broken bytes never garble anything else.
 */
final class FieldNames {
    private FieldNames() {
    }

    static String decode(byte[] raw, Charset charset) {
        for (int end = raw.length; end > 0; end--) {
            try {
                return strictDecoder(charset).decode(ByteBuffer.wrap(raw, 0, end)).toString().strip();
            } catch (CharacterCodingException e) {
                // drop one more byte of the tail and try again
            }
        }
        return "";
    }

    /**
     * The name's bytes less a UTF-8 character cut off at the end (a lead byte whose continuation bytes
     * did not fit in 10 bytes), so that a cut name does not make valid UTF-8 look like another encoding.
     */
    static byte[] withoutCutUtf8Tail(byte[] raw) {
        for (int back = 1; back <= Math.min(3, raw.length); back++) {
            int b = raw[raw.length - back] & 0xFF;
            if ((b & 0xC0) == 0x80) {
                continue; // a continuation byte: look further back for its lead byte
            }
            int needed = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 1;
            return needed > back ? java.util.Arrays.copyOf(raw, raw.length - back) : raw;
        }
        return raw;
    }

    /** True when the bytes decode in {@code charset} without a single error. */
    static boolean decodesCleanly(byte[] raw, Charset charset) {
        try {
            CharBuffer ignored = strictDecoder(charset).decode(ByteBuffer.wrap(raw));
            return ignored != null;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static CharsetDecoder strictDecoder(Charset charset) {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }
}
