package dev.mercator.dealscout.pricing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * Checks an uploaded photo and strips what it says about its owner, without decoding a single pixel:
 *
 * <ul>
 *   <li>the type comes from the file's own signature (JPEG {@code FF D8 FF}, PNG's eight bytes, WebP's {@code RIFF …
 *       WEBP}), never from its name or declared content type, and the container must parse to the end;
 *   <li>the pixel count comes from the header (JPEG SOF, PNG IHDR, WebP VP8/VP8L/VP8X) and is checked against the limit
 *       before anything decodes it: a decompression bomb is a few kilobytes that claim billions of pixels;
 *   <li>metadata is removed at the container level: JPEG APP1 (EXIF with GPS, XMP), APP13 (IPTC), comments and the
 *       other application segments except JFIF, ICC colour profiles and Adobe's colour transform; PNG's text, time and
 *       eXIf chunks; WebP's EXIF and XMP chunks. The image data itself is copied byte for byte, so nothing is lost to a
 *       re-encode. A JPEG's EXIF orientation is the one fact kept, written back as a minimal EXIF segment with that
 *       tag alone, because without it a portrait photo would show on its side.
 * </ul>
 */
final class PhotoInspector {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    /** PNG chunks kept: image data and what renders it correctly; everything else (text, time, eXIf, unknown) goes. */
    private static final Set<String> PNG_KEPT = Set.of(
            "IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "bKGD", "hIST", "pHYs",
            "cICP", "acTL", "fcTL", "fdAT");

    private final long maxPixels;

    PhotoInspector(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    /** A checked, stripped photo. */
    record Inspected(String mediaType, byte[] bytes, int width, int height) {}

    /** Why a photo was refused: shown to the merchant. */
    static final class Rejected extends Exception {
        private final boolean tooManyPixels;

        Rejected(String message) {
            this(message, false);
        }

        Rejected(String message, boolean tooManyPixels) {
            super(message);
            this.tooManyPixels = tooManyPixels;
        }

        /** Whether the image is refused for its size when decoded, rather than for what it is. */
        boolean tooManyPixels() {
            return tooManyPixels;
        }
    }

    Inspected inspect(byte[] data) throws Rejected {
        try {
            if (startsWith(data, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
                return jpeg(data);
            }
            if (startsWith(data, PNG_SIGNATURE)) {
                return png(data);
            }
            if (data.length >= 12
                    && ascii(data, 0, 4).equals("RIFF")
                    && ascii(data, 8, 4).equals("WEBP")) {
                return webp(data);
            }
        } catch (IndexOutOfBoundsException e) {
            throw new Rejected("the image is truncated or malformed");
        }
        throw new Rejected("not a JPEG, PNG or WebP image (checked from its content, not its name)");
    }

    private void checkPixels(long width, long height) throws Rejected {
        if (width <= 0 || height <= 0) {
            throw new Rejected("the image has no pixels");
        }
        if (width * height > maxPixels) {
            throw new Rejected(
                    "the image claims " + width + "×" + height + " pixels, above the limit of " + maxPixels
                            + " (a decompression bomb is refused before decoding)",
                    true);
        }
    }

    // --- JPEG -------------------------------------------------------------------------------------------------------

    private Inspected jpeg(byte[] data) throws Rejected {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length);
        out.write(0xFF);
        out.write(0xD8);
        int orientation = 1;
        int width = -1;
        int height = -1;
        int pos = 2;
        boolean orientationWritten = false;
        while (true) {
            if (data[pos] != (byte) 0xFF) {
                throw new Rejected("the JPEG is malformed: a segment does not start with a marker");
            }
            int marker = data[pos + 1] & 0xFF;
            if (marker == 0xFF) { // fill byte
                pos++;
                continue;
            }
            if (marker == 0xD9) {
                throw new Rejected("the JPEG has no image data");
            }
            int length = u16be(data, pos + 2);
            if (length < 2 || pos + 2 + length > data.length) {
                throw new Rejected("the JPEG is truncated or malformed");
            }
            int payload = pos + 4;
            int end = pos + 2 + length;
            boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof) {
                height = u16be(data, payload + 1);
                width = u16be(data, payload + 3);
                checkPixels(width, height);
            }
            if (marker == 0xE1 && ascii(data, payload, 6).equals("Exif\0\0")) {
                orientation = exifOrientation(data, payload + 6, end);
            }
            if (marker == 0xDA) { // start of scan: the entropy-coded data and the rest are copied as they are
                if (width < 0) {
                    throw new Rejected("the JPEG has no frame header");
                }
                if (!orientationWritten) {
                    writeOrientation(out, orientation);
                }
                out.write(data, pos, data.length - pos);
                return new Inspected("image/jpeg", out.toByteArray(), width, height);
            }
            boolean keep = marker == 0xE0 // JFIF
                    || (marker == 0xE2 && ascii(data, payload, 12).equals("ICC_PROFILE\0"))
                    || marker == 0xEE // Adobe: colour transform
                    || (marker < 0xE0 && marker != 0xFE); // tables and frame headers; 0xFE is a comment
            if (keep) {
                // The orientation segment goes right after JFIF, where readers look for EXIF.
                if (marker != 0xE0 && !orientationWritten) {
                    writeOrientation(out, orientation);
                    orientationWritten = true;
                }
                out.write(data, pos, end - pos);
            }
            pos = end;
        }
    }

    /**
     * Orientation (tag 0x0112) from IFD0 of a TIFF structure in [start, end); 1 when absent. Only IFD0 is read: the
     * rest, GPS included, is dropped whole.
     */
    private static int exifOrientation(byte[] data, int start, int end) {
        if (end - start < 8) {
            return 1;
        }
        boolean little = data[start] == 'I' && data[start + 1] == 'I';
        long ifd = u32(data, start + 4, little);
        if (ifd < 8 || start + ifd + 2 > end) {
            return 1;
        }
        int entries = u16(data, (int) (start + ifd), little);
        for (int i = 0; i < entries; i++) {
            int entry = (int) (start + ifd + 2 + 12L * i);
            if (entry + 12 > end) {
                return 1;
            }
            if (u16(data, entry, little) == 0x0112) {
                int value = u16(data, entry + 8, little);
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    /** A minimal APP1 EXIF segment holding only the orientation (nothing when the orientation is the default). */
    private static void writeOrientation(ByteArrayOutputStream out, int orientation) {
        if (orientation == 1) {
            return;
        }
        byte[] segment = {
            (byte) 0xFF,
            (byte) 0xE1,
            0,
            32, // APP1, length 32 (itself included)
            'E',
            'x',
            'i',
            'f',
            0,
            0,
            'M',
            'M',
            0,
            42,
            0,
            0,
            0,
            8, // big-endian TIFF header, IFD0 at 8
            0,
            1, // one entry
            0x01,
            0x12,
            0,
            3,
            0,
            0,
            0,
            1,
            0,
            (byte) orientation,
            0,
            0, // Orientation, SHORT, count 1
            0,
            0,
            0,
            0 // no next IFD
        };
        out.write(segment, 0, segment.length);
    }

    // --- PNG --------------------------------------------------------------------------------------------------------

    private Inspected png(byte[] data) throws Rejected {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length);
        out.write(data, 0, 8);
        int pos = 8;
        long width = -1;
        long height = -1;
        boolean idat = false;
        while (pos + 12 <= data.length) {
            long length = u32(data, pos, false);
            String type = ascii(data, pos + 4, 4);
            if (length > data.length - pos - 12L) {
                throw new Rejected("the PNG is truncated or malformed");
            }
            int end = pos + 12 + (int) length;
            if (pos == 8) {
                if (!type.equals("IHDR") || length < 8) {
                    throw new Rejected("the PNG does not start with its header");
                }
                width = u32(data, pos + 8, false);
                height = u32(data, pos + 12, false);
                checkPixels(width, height);
            }
            idat |= type.equals("IDAT");
            if (PNG_KEPT.contains(type)) {
                out.write(data, pos, end - pos);
            }
            if (type.equals("IEND")) {
                if (!idat) {
                    throw new Rejected("the PNG has no image data");
                }
                return new Inspected("image/png", out.toByteArray(), (int) width, (int) height);
            }
            pos = end;
        }
        throw new Rejected("the PNG is truncated: it has no end chunk");
    }

    // --- WebP -------------------------------------------------------------------------------------------------------

    private Inspected webp(byte[] data) throws Rejected {
        long riffSize = u32(data, 4, true);
        if (riffSize + 8 > data.length || riffSize < 4) {
            throw new Rejected("the WebP is truncated or malformed");
        }
        int limit = (int) riffSize + 8;
        ByteArrayOutputStream chunks = new ByteArrayOutputStream(data.length);
        long width = -1;
        long height = -1;
        boolean image = false;
        int pos = 12;
        while (pos + 8 <= limit) {
            String type = ascii(data, pos, 4);
            long size = u32(data, pos + 4, true);
            long padded = size + (size & 1);
            if (size > limit - pos - 8L) {
                throw new Rejected("the WebP is truncated or malformed");
            }
            int body = pos + 8;
            int end = (int) Math.min(limit, body + padded);
            switch (type) {
                case "VP8X" -> {
                    width = 1 + u24le(data, body + 4);
                    height = 1 + u24le(data, body + 7);
                    checkPixels(width, height);
                }
                case "VP8 " -> {
                    if (width < 0) {
                        width = u16(data, body + 6, true) & 0x3FFF;
                        height = u16(data, body + 8, true) & 0x3FFF;
                        checkPixels(width, height);
                    }
                    image = true;
                }
                case "VP8L" -> {
                    if (width < 0) {
                        long bits = u32(data, body + 1, true);
                        width = 1 + (bits & 0x3FFF);
                        height = 1 + ((bits >> 14) & 0x3FFF);
                        checkPixels(width, height);
                    }
                    image = true;
                }
                case "ANMF" -> image = true;
                default -> {}
            }
            if (!type.equals("EXIF") && !type.equals("XMP ")) {
                int start = chunks.size();
                chunks.write(data, pos, end - pos);
                if (type.equals("VP8X")) {
                    // The flags must no longer announce the metadata that was dropped.
                    byte[] sofar = chunks.toByteArray();
                    sofar[start + 8] = (byte) (sofar[start + 8] & ~0x0C);
                    chunks.reset();
                    chunks.write(sofar, 0, sofar.length);
                }
            }
            pos = end;
        }
        if (!image) {
            throw new Rejected("the WebP has no image data");
        }
        byte[] body = chunks.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 12);
        out.write('R');
        out.write('I');
        out.write('F');
        out.write('F');
        int size = body.length + 4;
        out.write(size & 0xFF);
        out.write((size >> 8) & 0xFF);
        out.write((size >> 16) & 0xFF);
        out.write((size >>> 24) & 0xFF);
        out.write('W');
        out.write('E');
        out.write('B');
        out.write('P');
        out.write(body, 0, body.length);
        return new Inspected("image/webp", out.toByteArray(), (int) width, (int) height);
    }

    // --- bytes ------------------------------------------------------------------------------------------------------

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static String ascii(byte[] data, int offset, int length) {
        if (offset + length > data.length) {
            return "";
        }
        return new String(data, offset, length, StandardCharsets.ISO_8859_1);
    }

    private static int u16be(byte[] data, int offset) {
        return u16(data, offset, false);
    }

    private static int u16(byte[] data, int offset, boolean little) {
        int a = data[offset] & 0xFF;
        int b = data[offset + 1] & 0xFF;
        return little ? a | b << 8 : a << 8 | b;
    }

    private static int u24le(byte[] data, int offset) {
        return (data[offset] & 0xFF) | (data[offset + 1] & 0xFF) << 8 | (data[offset + 2] & 0xFF) << 16;
    }

    private static long u32(byte[] data, int offset, boolean little) {
        long a = data[offset] & 0xFF;
        long b = data[offset + 1] & 0xFF;
        long c = data[offset + 2] & 0xFF;
        long d = data[offset + 3] & 0xFF;
        return little ? a | b << 8 | c << 16 | d << 24 : a << 24 | b << 16 | c << 8 | d;
    }
}
