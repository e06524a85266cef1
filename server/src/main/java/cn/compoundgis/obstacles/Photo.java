package cn.compoundgis.obstacles;

import cn.compoundgis.http.ApiError;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * A photo sent with an obstacle report. Its type is read from its first bytes (JPEG or PNG), never from what
 * the client claims; then it is decoded and encoded again, so that what is stored and served is an image and
 * nothing else (no HTML behind an image signature, no EXIF with the phone's position). Its size in pixels is
 * read from the header before decoding (no decompression bombs); large photos are stored reduced.
 * Stored in the database (table obstacle_photo) with the report.
 */
record Photo(String contentType, byte[] bytes) {
    /** Phones send 2-6 MB photos; more than this is refused (the whole upload limit is MAX_UPLOAD_MB). */
    static final int MAX_BYTES = 12 * 1024 * 1024;
    /** Larger images are refused before they are decoded: 8000 px a side, 50 megapixels. */
    static final int MAX_SIDE_PX = 8000;
    static final long MAX_PIXELS = 50_000_000L;
    /** Photos are stored at most this long on their longer side (decoded with subsampling, never in full). */
    static final int STORED_MAX_SIDE_PX = 4096;
    private static final float JPEG_QUALITY = 0.9f;

    static Photo of(byte[] bytes) {
        if (bytes.length == 0) {
            throw ApiError.badParameter("photo is empty").says("photo.empty");
        }
        if (bytes.length > MAX_BYTES) {
            throw ApiError.tooLarge("photo is " + bytes.length / 1024 + " KiB; at most " + MAX_BYTES / 1024 / 1024 + " MiB is accepted")
                    .says("photo.too_large", "n", bytes.length / 1024, "max", MAX_BYTES / 1024 / 1024);
        }
        String format = sniff(bytes);
        BufferedImage image = decode(bytes, format);
        if (format.equals("jpeg")) {
            image = ExifOrientation.upright(image, ExifOrientation.of(bytes));
        }
        return new Photo("image/" + format, encode(image, format));
    }

    /** From base64 text, with or without a data URL prefix ({@code data:image/jpeg;base64,}). */
    static Photo ofBase64(String text) {
        String data = text.strip();
        int comma = data.indexOf(',');
        if (data.startsWith("data:") && comma > 0) {
            data = data.substring(comma + 1);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(data.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw ApiError.badParameter("photo is not valid base64: " + e.getMessage()).says("photo.unreadable");
        }
        return of(bytes);
    }

    private static String sniff(byte[] b) {
        if (b.length > 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            return "jpeg";
        }
        if (b.length > 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "png";
        }
        throw ApiError.badParameter("photo is not a JPEG or PNG image").says("photo.not_an_image");
    }

    private static BufferedImage decode(byte[] bytes, String format) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
            if (!readers.hasNext()) {
                throw new IllegalStateException("no " + format + " reader in this Java runtime");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0 || width > MAX_SIDE_PX || height > MAX_SIDE_PX
                        || (long) width * height > MAX_PIXELS) {
                    throw ApiError.tooLarge("photo is " + width + " x " + height + " pixels; at most " + MAX_SIDE_PX
                            + " px a side and " + MAX_PIXELS / 1_000_000 + " megapixels are accepted")
                            .says("photo.too_many_pixels", "width", width, "height", height, "max", MAX_SIDE_PX);
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int step = (Math.max(width, height) + STORED_MAX_SIDE_PX - 1) / STORED_MAX_SIDE_PX;
                param.setSourceSubsampling(step, step, 0, 0);
                return reader.read(0, param);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiError a) {
                throw a;
            }
            throw ApiError.badParameter("photo is not a readable " + format.toUpperCase(java.util.Locale.ROOT)
                    + " image: " + e.getMessage()).says("photo.unreadable");
        }
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (format.equals("png")) {
                ImageIO.write(image, "png", out);
                return out.toByteArray();
            }
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(stream);
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(JPEG_QUALITY);
                writer.write(null, new IIOImage(withoutAlpha(image), null, null), param);
            } finally {
                writer.dispose();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("could not encode the photo again", e);
        }
    }

    /** The JPEG writer takes RGB or grey only. */
    private static BufferedImage withoutAlpha(BufferedImage image) {
        int type = image.getType();
        if (type == BufferedImage.TYPE_3BYTE_BGR || type == BufferedImage.TYPE_BYTE_GRAY || type == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        rgb.createGraphics().drawImage(image, 0, 0, java.awt.Color.WHITE, null);
        return rgb;
    }

    /** The EXIF orientation of a JPEG (1 = upright), applied before the EXIF block is dropped. */
    static final class ExifOrientation {
        private static final int APP1 = 0xE1;
        private static final int START_OF_SCAN = 0xDA;
        private static final int ORIENTATION_TAG = 0x0112;

        private ExifOrientation() {
        }

        static int of(byte[] jpeg) {
            int i = 2;
            while (i + 4 <= jpeg.length && (jpeg[i] & 0xFF) == 0xFF) {
                int marker = jpeg[i + 1] & 0xFF;
                int length = ((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF);
                if (marker == START_OF_SCAN || length < 2) {
                    return 1;
                }
                if (marker == APP1 && i + 10 <= jpeg.length && new String(jpeg, i + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1).equals("Exif")) {
                    return fromTiff(jpeg, i + 10, Math.min(jpeg.length, i + 2 + length));
                }
                i += 2 + length;
            }
            return 1;
        }

        private static int fromTiff(byte[] b, int start, int end) {
            if (start + 8 > end) {
                return 1;
            }
            boolean little = b[start] == 'I';
            int ifd = start + readInt(b, start + 4, little);
            if (ifd < start || ifd + 2 > end) {
                return 1;
            }
            int entries = readShort(b, ifd, little);
            for (int e = 0; e < entries; e++) {
                int entry = ifd + 2 + e * 12;
                if (entry + 12 > end) {
                    return 1;
                }
                if (readShort(b, entry, little) == ORIENTATION_TAG) {
                    int value = readShort(b, entry + 8, little);
                    return value >= 1 && value <= 8 ? value : 1;
                }
            }
            return 1;
        }

        private static int readShort(byte[] b, int at, boolean little) {
            int x = b[at] & 0xFF;
            int y = b[at + 1] & 0xFF;
            return little ? (y << 8) | x : (x << 8) | y;
        }

        private static int readInt(byte[] b, int at, boolean little) {
            int hi = readShort(b, little ? at + 2 : at, little);
            int lo = readShort(b, little ? at : at + 2, little);
            return (hi << 16) | lo;
        }

        /** Turns the image the way EXIF says it should be shown (orientations 2-8 of the TIFF standard). */
        static BufferedImage upright(BufferedImage image, int orientation) {
            if (orientation <= 1) {
                return image;
            }
            int w = image.getWidth();
            int h = image.getHeight();
            AffineTransform t = new AffineTransform();
            switch (orientation) {
                case 2 -> { t.translate(w, 0); t.scale(-1, 1); }
                case 3 -> { t.translate(w, h); t.rotate(Math.PI); }
                case 4 -> { t.translate(0, h); t.scale(1, -1); }
                case 5 -> { t.rotate(Math.PI / 2); t.scale(1, -1); }
                case 6 -> { t.translate(h, 0); t.rotate(Math.PI / 2); }
                case 7 -> { t.scale(-1, 1); t.translate(-h, 0); t.translate(0, w); t.rotate(3 * Math.PI / 2); }
                case 8 -> { t.translate(0, w); t.rotate(3 * Math.PI / 2); }
                default -> {
                    return image;
                }
            }
            boolean quarterTurn = orientation >= 5;
            BufferedImage out = new BufferedImage(quarterTurn ? h : w, quarterTurn ? w : h,
                    image.getType() == BufferedImage.TYPE_BYTE_GRAY ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
            java.awt.Graphics2D g = out.createGraphics();
            g.drawImage(image, t, null);
            g.dispose();
            return out;
        }
    }
}
