package dev.mercator.dealscout.pricing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/**
 * Photos for the seller-flow tests, built byte by byte where a camera would add metadata: a JPEG with an EXIF segment
 * holding an orientation, a description and a GPS position; a PNG with text and eXIf chunks; a WebP with EXIF and XMP
 * chunks; a PNG whose header claims a decompression bomb's pixel count.
 */
final class TestImages {

    /** Written into every metadata block: the stripped photo must not contain it anywhere. */
    static final String SECRET = "SECRET-PLACE-51.5007N";

    /** A 1×1 lossless WebP (the smallest valid VP8L image). */
    private static final byte[] WEBP_1X1 =
            Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

    private TestImages() {}

    static byte[] plainJpeg(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, width / 2, height / 3);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpeg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A JPEG with an EXIF APP1 (orientation, description, GPS IFD) and a comment, right after SOI. */
    static byte[] jpegWithExif(int width, int height, int orientation) {
        byte[] plain = plainJpeg(width, height);
        byte[] tiff = exifTiff(orientation);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        byte[] exifHeader = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
        int length = 2 + exifHeader.length + tiff.length;
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(exifHeader);
        out.writeBytes(tiff);
        byte[] comment = ("comment " + SECRET).getBytes(StandardCharsets.ISO_8859_1);
        out.write(0xFF);
        out.write(0xFE);
        out.write((comment.length + 2) >> 8);
        out.write((comment.length + 2) & 0xFF);
        out.writeBytes(comment);
        out.write(plain, 2, plain.length - 2);
        return out.toByteArray();
    }

    /**
     * Little-endian TIFF: IFD0 with Orientation, ImageDescription and a GPS IFD pointer; the GPS IFD with latitude ref
     * and the secret as a GPS processing method.
     */
    private static byte[] exifTiff(int orientation) {
        byte[] description = (SECRET + "\0").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        // IFD0 at 8: 3 entries, 2 + 36 + 4 = 42 bytes -> ends at 50
        int descriptionAt = 50;
        int gpsAt = descriptionAt + description.length;
        b.putShort((short) 3);
        b.putShort((short) 0x0112)
                .putShort((short) 3)
                .putInt(1)
                .putShort((short) orientation)
                .putShort((short) 0);
        b.putShort((short) 0x010E)
                .putShort((short) 2)
                .putInt(description.length)
                .putInt(descriptionAt);
        b.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(gpsAt);
        b.putInt(0);
        b.put(description);
        // GPS IFD: LatitudeRef "N", GPSProcessingMethod = secret
        int methodAt = gpsAt + 2 + 24 + 4;
        b.putShort((short) 2);
        b.putShort((short) 0x0001)
                .putShort((short) 2)
                .putInt(2)
                .put((byte) 'N')
                .put((byte) 0)
                .putShort((short) 0);
        b.putShort((short) 0x001B)
                .putShort((short) 7)
                .putInt(description.length)
                .putInt(methodAt);
        b.putInt(0);
        b.put(description);
        byte[] tiff = new byte[b.position()];
        b.flip();
        b.get(tiff);
        return tiff;
    }

    static byte[] plainPng(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A PNG with tEXt and eXIf chunks after IHDR. */
    static byte[] pngWithText(int width, int height) {
        byte[] plain = plainPng(width, height);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int afterIhdr = 8 + 12 + 13;
        out.write(plain, 0, afterIhdr);
        out.writeBytes(chunk("tEXt", ("Location\0" + SECRET).getBytes(StandardCharsets.ISO_8859_1)));
        out.writeBytes(chunk("eXIf", exifTiff(1)));
        out.write(plain, afterIhdr, plain.length - afterIhdr);
        return out.toByteArray();
    }

    /** A PNG header claiming {@code width × height} pixels, with a few bytes of data: a decompression bomb's shape. */
    static byte[] pngBomb(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13);
        ihdr.putInt(width)
                .putInt(height)
                .put((byte) 8)
                .put((byte) 2)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0);
        out.writeBytes(chunk("IHDR", ihdr.array()));
        out.writeBytes(chunk("IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01}));
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    /** A WebP (VP8X extended format) with EXIF and XMP chunks around a 1×1 lossless image. */
    static byte[] webpWithExif() {
        byte[] vp8l = java.util.Arrays.copyOfRange(WEBP_1X1, 12, WEBP_1X1.length);
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        byte[] vp8x = new byte[10];
        vp8x[0] = 0x0C; // EXIF and XMP flags
        // canvas 1x1: width-1 and height-1 are 0
        chunks.writeBytes(riffChunk("VP8X", vp8x));
        chunks.writeBytes(vp8l);
        chunks.writeBytes(riffChunk("EXIF", exifTiff(1)));
        chunks.writeBytes(
                riffChunk("XMP ", ("<x:xmpmeta>" + SECRET + "</x:xmpmeta>").getBytes(StandardCharsets.UTF_8)));
        byte[] body = chunks.toByteArray();
        ByteBuffer out = ByteBuffer.allocate(12 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes(StandardCharsets.ISO_8859_1)).putInt(body.length + 4);
        out.put("WEBP".getBytes(StandardCharsets.ISO_8859_1)).put(body);
        return out.array();
    }

    private static byte[] riffChunk(String type, byte[] data) {
        int padded = data.length + (data.length & 1);
        ByteBuffer b = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        b.put(type.getBytes(StandardCharsets.ISO_8859_1)).putInt(data.length).put(data);
        return b.array();
    }

    private static byte[] chunk(String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + data.length);
        byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
        b.putInt(data.length).put(typeBytes).put(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /** The JPEG's EXIF orientation (IFD0 tag 0x0112) and whether any EXIF remains beyond it; 1 when none. */
    static int jpegOrientation(byte[] jpeg) {
        int pos = 2;
        while (pos + 4 < jpeg.length && (jpeg[pos] & 0xFF) == 0xFF) {
            int marker = jpeg[pos + 1] & 0xFF;
            int length = ((jpeg[pos + 2] & 0xFF) << 8) | (jpeg[pos + 3] & 0xFF);
            if (marker == 0xDA) {
                break;
            }
            if (marker == 0xE1 && new String(jpeg, pos + 4, 6, StandardCharsets.ISO_8859_1).equals("Exif\0\0")) {
                int tiff = pos + 10;
                boolean little = jpeg[tiff] == 'I';
                ByteBuffer b = ByteBuffer.wrap(jpeg, tiff, length - 8)
                        .slice()
                        .order(little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
                int ifd = b.getInt(4);
                int count = b.getShort(ifd);
                for (int i = 0; i < count; i++) {
                    int entry = ifd + 2 + 12 * i;
                    if (b.getShort(entry) == 0x0112) {
                        return b.getShort(entry + 8);
                    }
                }
            }
            pos += 2 + length;
        }
        return 1;
    }

    /** The number of IFD0 entries of a JPEG's EXIF, 0 when it has none. */
    static int jpegExifEntries(byte[] jpeg) {
        int pos = 2;
        while (pos + 4 < jpeg.length && (jpeg[pos] & 0xFF) == 0xFF) {
            int marker = jpeg[pos + 1] & 0xFF;
            int length = ((jpeg[pos + 2] & 0xFF) << 8) | (jpeg[pos + 3] & 0xFF);
            if (marker == 0xDA) {
                break;
            }
            if (marker == 0xE1) {
                int tiff = pos + 10;
                boolean little = jpeg[tiff] == 'I';
                ByteBuffer b = ByteBuffer.wrap(jpeg, tiff, length - 8)
                        .slice()
                        .order(little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
                return b.getShort(b.getInt(4));
            }
            pos += 2 + length;
        }
        return 0;
    }

    static boolean contains(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
    }
}
