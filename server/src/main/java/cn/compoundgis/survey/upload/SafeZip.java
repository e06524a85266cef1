package cn.compoundgis.survey.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Unpacks an uploaded zip into a private folder, refusing what could escape it or exhaust the disk.
 * Entry names are UTF-8 when the zip says so or when they decode as UTF-8, else GBK (zips made on
 * Chinese Windows); backslashes count as folder separators.
 */
public final class SafeZip {
    private static final int BUFFER = 64 * 1024;

    private SafeZip() {
    }

    /** The result: the files written, and how their names were decoded. */
    public record Unpacked(List<Path> files, String nameEncoding) {
    }

    public static Unpacked extract(Path zip, String uploadName, Path target, UploadLimits limits)
            throws IOException, UploadRejected {
        try (ZipFile utf8 = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
            return extract(utf8, uploadName, target, limits, "UTF-8");
        } catch (IllegalArgumentException | ZipException badUtf8Name) {
            if (!isZip(zip)) {
                throw UploadRejected.badInput(uploadName + " is not a zip file (or is damaged): " + badUtf8Name.getMessage());
            }
        }
        Charset gbk = Charset.forName("GB18030");
        try (ZipFile gbkZip = new ZipFile(zip.toFile(), gbk)) {
            return extract(gbkZip, uploadName, target, limits, "GBK");
        } catch (IllegalArgumentException | ZipException e) {
            throw UploadRejected.badInput(uploadName + " has entry names that are neither UTF-8 nor GBK, or is damaged: " + e.getMessage());
        }
    }

    private static boolean isZip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K';
        }
    }

    private static Unpacked extract(ZipFile zip, String uploadName, Path target, UploadLimits limits, String encoding)
            throws IOException, UploadRejected {
        if (zip.size() > limits.maxEntries()) {
            throw UploadRejected.tooLarge(uploadName + " holds " + zip.size() + " entries; at most " + limits.maxEntries() + " are accepted");
        }
        List<Path> written = new ArrayList<>();
        long total = 0;
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry entry = entries.nextElement();
            Path destination = safeDestination(target, entry.getName(), uploadName);
            if (entry.isDirectory()) {
                Files.createDirectories(destination);
                continue;
            }
            Files.createDirectories(destination.getParent());
            try (InputStream in = zip.getInputStream(entry); OutputStream out = Files.newOutputStream(destination)) {
                total += copyBounded(in, out, entry, uploadName, total, limits);
            } catch (ZipException e) {
                throw UploadRejected.badInput(uploadName + ": entry " + entry.getName() + " is damaged: " + e.getMessage());
            }
            written.add(destination);
        }
        return new Unpacked(written, encoding);
    }

    /** Refuses absolute names, drive letters and any ".." segment; the result is always inside {@code target}. */
    static Path safeDestination(Path target, String entryName, String uploadName) throws UploadRejected {
        String name = entryName.replace('\\', '/');
        boolean absolute = name.startsWith("/") || name.matches("^[A-Za-z]:.*");
        boolean climbs = List.of(name.split("/")).contains("..");
        Path destination = target.resolve(name.replaceAll("^/+", "")).normalize();
        if (absolute || climbs || !destination.startsWith(target)) {
            throw UploadRejected.badInput(uploadName + ": entry '" + entryName
                    + "' points outside the archive (absolute path or '..'); nothing was imported");
        }
        return destination;
    }

    private static long copyBounded(InputStream in, OutputStream out, ZipEntry entry, String uploadName, long before,
                                    UploadLimits limits) throws IOException, UploadRejected {
        byte[] buffer = new byte[BUFFER];
        long written = 0;
        long compressed = Math.max(1, entry.getCompressedSize());
        for (int n; (n = in.read(buffer)) > 0; ) {
            written += n;
            if (before + written > limits.maxUnpackedBytes()) {
                throw UploadRejected.tooLarge(uploadName + " unpacks to more than " + limits.maxUnpackedBytes()
                        + " bytes (at entry " + entry.getName() + "); refused as a possible zip bomb");
            }
            if (written > limits.ratioFloorBytes() && written / (double) compressed > limits.maxCompressionRatio()) {
                throw UploadRejected.tooLarge(uploadName + ": entry " + entry.getName() + " inflates more than "
                        + (int) limits.maxCompressionRatio() + " times its compressed size; refused as a possible zip bomb");
            }
            out.write(buffer, 0, n);
        }
        return written;
    }
}
