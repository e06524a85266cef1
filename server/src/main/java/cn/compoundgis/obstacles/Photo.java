package cn.compoundgis.obstacles;

import cn.compoundgis.web.ApiError;
import java.util.Base64;

/**
 * A photo sent with an obstacle report. Its type is read from its first bytes (JPEG, PNG or WebP), never
 * from what the client claims; it is stored in the database (table obstacle_photo) with the report.
 */
record Photo(String contentType, byte[] bytes) {
    /** Phones send 2-6 MB photos; more than this is refused (the whole upload limit is MAX_UPLOAD_MB). */
    static final int MAX_BYTES = 12 * 1024 * 1024;

    static Photo of(byte[] bytes) {
        if (bytes.length == 0) {
            throw ApiError.badParameter("photo is empty");
        }
        if (bytes.length > MAX_BYTES) {
            throw ApiError.badParameter("photo is " + bytes.length / 1024 + " KiB; at most " + MAX_BYTES / 1024 / 1024 + " MiB is accepted");
        }
        return new Photo(sniff(bytes), bytes);
    }

    /** From base64 text, with or without a data URL prefix ({@code data:image/jpeg;base64,}). */
    static Photo ofBase64(String text) {
        String data = text.strip();
        int comma = data.indexOf(',');
        if (data.startsWith("data:") && comma > 0) {
            data = data.substring(comma + 1);
        }
        try {
            return of(Base64.getDecoder().decode(data.replaceAll("\\s", "")));
        } catch (IllegalArgumentException e) {
            throw ApiError.badParameter("photo is not valid base64: " + e.getMessage());
        }
    }

    private static String sniff(byte[] b) {
        if (b.length > 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            return "image/jpeg";
        }
        if (b.length > 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "image/png";
        }
        if (b.length > 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F'
                && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return "image/webp";
        }
        throw ApiError.badParameter("photo is not a JPEG, PNG or WebP image");
    }
}
