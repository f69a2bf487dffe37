package dev.mercator.dealscout.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PhotoInspectorTests {

    private final PhotoInspector inspector = new PhotoInspector(50_000_000);

    @Test
    void aJpegLosesItsExifGpsAndCommentButKeepsItsOrientationAndPixels() throws Exception {
        byte[] original = TestImages.jpegWithExif(64, 48, 6);
        assertThat(TestImages.contains(original, TestImages.SECRET)).isTrue();
        assertThat(TestImages.jpegExifEntries(original)).isEqualTo(3);

        PhotoInspector.Inspected inspected = inspector.inspect(original);

        assertThat(inspected.mediaType()).isEqualTo("image/jpeg");
        assertThat(inspected.width()).isEqualTo(64);
        assertThat(inspected.height()).isEqualTo(48);
        assertThat(TestImages.contains(inspected.bytes(), TestImages.SECRET)).isFalse();
        assertThat(TestImages.jpegExifEntries(inspected.bytes()))
                .as("only the orientation is left")
                .isEqualTo(1);
        assertThat(TestImages.jpegOrientation(inspected.bytes())).isEqualTo(6);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(inspected.bytes()));
        BufferedImage before = ImageIO.read(new ByteArrayInputStream(TestImages.plainJpeg(64, 48)));
        assertThat(decoded.getWidth()).isEqualTo(64);
        assertThat(decoded.getRGB(5, 5)).as("image data copied, not re-encoded").isEqualTo(before.getRGB(5, 5));
    }

    @Test
    void aJpegWithoutOrientationGetsNoExifAtAll() throws Exception {
        PhotoInspector.Inspected inspected = inspector.inspect(TestImages.jpegWithExif(16, 16, 1));

        assertThat(TestImages.jpegExifEntries(inspected.bytes())).isZero();
        assertThat(TestImages.contains(inspected.bytes(), "Exif")).isFalse();
    }

    @Test
    void aPngLosesItsTextAndExifChunks() throws Exception {
        byte[] original = TestImages.pngWithText(20, 10);

        PhotoInspector.Inspected inspected = inspector.inspect(original);

        assertThat(inspected.mediaType()).isEqualTo("image/png");
        assertThat(inspected.width()).isEqualTo(20);
        assertThat(inspected.height()).isEqualTo(10);
        assertThat(TestImages.contains(inspected.bytes(), TestImages.SECRET)).isFalse();
        assertThat(TestImages.contains(inspected.bytes(), "eXIf")).isFalse();
        assertThat(ImageIO.read(new ByteArrayInputStream(inspected.bytes())).getWidth())
                .isEqualTo(20);
    }

    @Test
    void aWebpLosesItsExifAndXmpChunksAndTheirFlags() throws Exception {
        byte[] original = TestImages.webpWithExif();

        PhotoInspector.Inspected inspected = inspector.inspect(original);

        byte[] out = inspected.bytes();
        assertThat(inspected.mediaType()).isEqualTo("image/webp");
        assertThat(inspected.width()).isEqualTo(1);
        assertThat(TestImages.contains(out, TestImages.SECRET)).isFalse();
        assertThat(TestImages.contains(out, "EXIF")).isFalse();
        assertThat(out[20] & 0x0C)
                .as("VP8X flags no longer announce EXIF or XMP")
                .isZero();
        int riffSize = (out[4] & 0xFF) | (out[5] & 0xFF) << 8 | (out[6] & 0xFF) << 16 | (out[7] & 0xFF) << 24;
        assertThat(riffSize).isEqualTo(out.length - 8);
    }

    @Test
    void aDecompressionBombIsRefusedFromItsHeader() {
        byte[] bomb = TestImages.pngBomb(100_000, 100_000);
        assertThat(bomb.length).isLessThan(100);

        assertThatThrownBy(() -> inspector.inspect(bomb))
                .isInstanceOfSatisfying(
                        PhotoInspector.Rejected.class,
                        rejected -> assertThat(rejected.tooManyPixels()).isTrue())
                .hasMessageContaining("100000×100000");
    }

    @Test
    void textRenamedToJpgIsRefusedWhateverItsName() {
        byte[] text = "just some text, named photo.jpg".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> inspector.inspect(text))
                .isInstanceOf(PhotoInspector.Rejected.class)
                .hasMessageContaining("not a JPEG, PNG or WebP");
    }

    @Test
    void aJpegSignatureFollowedByGarbageIsRefused() {
        byte[] fake = new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F'};

        assertThatThrownBy(() -> inspector.inspect(fake)).isInstanceOf(PhotoInspector.Rejected.class);
    }

    @Test
    void aTruncatedPngIsRefused() {
        byte[] png = TestImages.plainPng(10, 10);
        byte[] truncated = java.util.Arrays.copyOf(png, png.length - 20);

        assertThatThrownBy(() -> inspector.inspect(truncated)).isInstanceOf(PhotoInspector.Rejected.class);
    }
}
