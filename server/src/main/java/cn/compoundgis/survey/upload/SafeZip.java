package cn.compoundgis.survey.upload;

import cn.compoundgis.http.ApiError;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Unpacks an uploaded zip into a private folder, refusing what could escape it, exhaust the disk, or be
 * read differently from what was packed. Entry names are UTF-8 when the zip says so or when they decode as
 * UTF-8, else GBK (zips made on Chinese Windows); backslashes count as folder separators. Every entry is
 * read to its end and its CRC-32 and size compared with the zip's directory: {@link ZipFile} checks neither.
 */
public final class SafeZip {
    private static final int BUFFER = 64 * 1024;

    private SafeZip() {
    }

    /** The result: the files written, and how their names were decoded. */
    public record Unpacked(List<Path> files, String nameEncoding) {
    }

    public static Unpacked extract(Path zip, String uploadName, Path target, UploadLimits limits)
            throws IOException {
        String utf8Problem;
        try (ZipFile utf8 = open(zip, StandardCharsets.UTF_8)) {
            return extract(utf8, uploadName, target, limits, "UTF-8");
        } catch (NotReadable | IllegalArgumentException badUtf8Name) {
            utf8Problem = badUtf8Name.getMessage();
        }
        if (!isZip(zip)) {
            throw ApiError.invalidUpload(uploadName + " is not a zip file (or is damaged): " + utf8Problem)
                    .says("zip.not_a_zip", "upload", uploadName);
        }
        emptyFolder(target); // whatever the UTF-8 attempt wrote
        try (ZipFile gbkZip = open(zip, Charset.forName("GB18030"))) {
            return extract(gbkZip, uploadName, target, limits, "GBK");
        } catch (NotReadable | IllegalArgumentException e) {
            throw ApiError.invalidUpload(uploadName + " has entry names that are neither UTF-8 nor GBK, or is damaged: " + e.getMessage())
                    .says("zip.names_not_utf8_or_gbk", "upload", uploadName);
        }
    }

    /** The zip could not be opened with these names: a damaged directory, or names that do not decode. */
    private static final class NotReadable extends Exception {
        NotReadable(Exception cause) {
            super(cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName(), cause);
        }
    }

    /** Any failure to open is the zip's (its directory is read, nothing written yet). */
    private static ZipFile open(Path zip, Charset names) throws NotReadable {
        try {
            return new ZipFile(zip.toFile(), names);
        } catch (IOException | IllegalArgumentException e) {
            throw new NotReadable(e);
        }
    }

    private static boolean isZip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K';
        }
    }

    private static Unpacked extract(ZipFile zip, String uploadName, Path target, UploadLimits limits, String encoding)
            throws IOException {
        if (zip.size() > limits.maxEntries()) {
            throw ApiError.tooLarge(uploadName + " holds " + zip.size() + " entries; at most " + limits.maxEntries() + " are accepted")
                    .says("zip.too_many_entries", "upload", uploadName, "n", zip.size(), "max", limits.maxEntries());
        }
        List<Path> written = new ArrayList<>();
        EntryNames names = new EntryNames(uploadName, target, limits);
        long total = 0;
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry entry = entries.nextElement();
            Path destination = names.claim(entry);
            if (entry.isDirectory()) {
                Files.createDirectories(destination);
                continue;
            }
            Files.createDirectories(destination.getParent());
            total += copyChecked(zip, entry, destination, uploadName, total, limits);
            written.add(destination);
        }
        return new Unpacked(written, encoding);
    }

    /**
     * The destinations claimed so far, by their lower-cased path: two entries may not land on one file
     * (same name, names differing only in case or in '/' and '\', or a file where another entry needs a folder).
     */
    private static final class EntryNames {
        private final String uploadName;
        private final Path target;
        private final UploadLimits limits;
        private final Map<String, String> files = new HashMap<>();
        private final Map<String, String> folders = new HashMap<>();

        EntryNames(String uploadName, Path target, UploadLimits limits) {
            this.uploadName = uploadName;
            this.target = target;
            this.limits = limits;
        }

        Path claim(ZipEntry entry) {
            String name = entry.getName();
            checkName(name);
            Path destination = safeDestination(target, name, uploadName);
            if (destination.equals(target)) {
                throw ApiError.invalidUpload(uploadName + ": entry '" + name + "' has no file name").says("zip.entry_no_name", "upload", uploadName, "entry", name);
            }
            Path relative = target.relativize(destination);
            for (Path folder = relative.getParent(); folder != null; folder = folder.getParent()) {
                claimFolder(folder, name);
            }
            if (entry.isDirectory()) {
                claimFolder(relative, name);
            } else {
                String key = key(relative);
                String other = files.containsKey(key) ? files.get(key) : folders.get(key);
                if (other != null) {
                    throw clash(name, other);
                }
                files.put(key, name);
            }
            return destination;
        }

        private void claimFolder(Path folder, String entryName) {
            String key = key(folder);
            if (files.containsKey(key)) {
                throw clash(entryName, files.get(key));
            }
            folders.putIfAbsent(key, entryName);
        }

        private void checkName(String name) {
            if (name.isBlank()) {
                throw ApiError.invalidUpload(uploadName + ": an entry has an empty name").says("zip.entry_empty_name", "upload", uploadName);
            }
            if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
                throw ApiError.invalidUpload(uploadName + ": entry '" + printable(name) + "' has a control character (NUL, tab...) in its name")
                        .says("zip.entry_control_character", "upload", uploadName, "entry", printable(name));
            }
            int bytes = name.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > limits.maxEntryNameBytes()) {
                throw ApiError.invalidUpload(uploadName + ": entry '" + name + "' has a name of " + bytes
                        + " bytes; at most " + limits.maxEntryNameBytes() + " are accepted")
                        .says("zip.entry_name_too_long", "upload", uploadName, "entry", name, "n", bytes, "max", limits.maxEntryNameBytes());
            }
        }

        private ApiError clash(String name, String other) {
            return ApiError.invalidUpload(uploadName + ": entries '" + other + "' and '" + name
                    + "' unpack to the same file (names differ only in case, separators or encoding); nothing was imported")
                    .says("zip.entries_clash", "upload", uploadName, "entry", name, "other", other);
        }

        private static String key(Path relative) {
            return relative.toString().toLowerCase(Locale.ROOT);
        }
    }

    private static String printable(String name) {
        StringBuilder sb = new StringBuilder();
        name.chars().forEach(c -> sb.append(c < 0x20 || c == 0x7F ? String.format("\\u%04X", c) : String.valueOf((char) c)));
        return sb.toString();
    }

    /** Refuses absolute names, drive letters and any ".." segment; the result is always inside {@code target}. */
    static Path safeDestination(Path target, String entryName, String uploadName) {
        String name = entryName.replace('\\', '/');
        boolean absolute = name.startsWith("/") || name.matches("^[A-Za-z]:.*");
        boolean climbs = List.of(name.split("/")).contains("..");
        Path destination = target.resolve(name.replaceAll("^/+", "")).normalize();
        if (absolute || climbs || !destination.startsWith(target)) {
            throw ApiError.invalidUpload(uploadName + ": entry '" + entryName
                    + "' points outside the archive (absolute path or '..'); nothing was imported")
                    .says("zip.entry_outside", "upload", uploadName, "entry", entryName);
        }
        return destination;
    }

    /** Copies one entry to its end, bounded, and checks what was read against the zip's CRC-32 and size. */
    private static long copyChecked(ZipFile zip, ZipEntry entry, Path destination, String uploadName, long before,
                                    UploadLimits limits) throws IOException {
        CRC32 crc = new CRC32();
        long written;
        try (InputStream in = open(zip, entry, uploadName); OutputStream out = Files.newOutputStream(destination)) {
            written = copyBounded(in, out, crc, entry, uploadName, before, limits);
        }
        if (entry.getSize() >= 0 && written != entry.getSize()) {
            throw damaged(uploadName, entry, "it unpacks to " + written + " bytes, the zip says " + entry.getSize());
        }
        if (entry.getCrc() >= 0 && crc.getValue() != entry.getCrc()) {
            throw damaged(uploadName, entry, String.format("its CRC-32 is %08x, the zip says %08x", crc.getValue(), entry.getCrc()));
        }
        return written;
    }

    private static InputStream open(ZipFile zip, ZipEntry entry, String uploadName) {
        try {
            return zip.getInputStream(entry);
        } catch (IOException | RuntimeException e) {
            throw damaged(uploadName, entry, e.getMessage());
        }
    }

    private static long copyBounded(InputStream in, OutputStream out, CRC32 crc, ZipEntry entry, String uploadName,
                                    long before, UploadLimits limits) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long written = 0;
        long compressed = Math.max(1, entry.getCompressedSize());
        for (int n; (n = read(in, buffer, entry, uploadName)) >= 0; ) {
            written += n;
            if (before + written > limits.maxUnpackedBytes()) {
                throw ApiError.tooLarge(uploadName + " unpacks to more than " + limits.maxUnpackedBytes()
                        + " bytes (at entry " + entry.getName() + "); refused as a possible zip bomb")
                        .says("zip.bomb_size", "upload", uploadName, "max", limits.maxUnpackedBytes());
            }
            if (written > limits.ratioFloorBytes() && written / (double) compressed > limits.maxCompressionRatio()) {
                throw ApiError.tooLarge(uploadName + ": entry " + entry.getName() + " inflates more than "
                        + (int) limits.maxCompressionRatio() + " times its compressed size; refused as a possible zip bomb")
                        .says("zip.bomb_ratio", "upload", uploadName, "entry", entry.getName(), "max", (int) limits.maxCompressionRatio());
            }
            crc.update(buffer, 0, n);
            out.write(buffer, 0, n);
        }
        return written;
    }

    /** A read error is the zip's fault (bad deflate data, cut short), not the server's. */
    private static int read(InputStream in, byte[] buffer, ZipEntry entry, String uploadName) {
        try {
            return in.read(buffer);
        } catch (IOException | RuntimeException e) {
            throw damaged(uploadName, entry, e.getMessage());
        }
    }

    private static ApiError damaged(String uploadName, ZipEntry entry, String why) {
        return ApiError.invalidUpload(uploadName + ": entry " + entry.getName() + " is damaged: " + why + "; nothing was imported")
                .says("zip.entry_damaged", "upload", uploadName, "entry", entry.getName());
    }

    private static void emptyFolder(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(folder)) {
                    Files.delete(p);
                }
            }
        }
    }
}
