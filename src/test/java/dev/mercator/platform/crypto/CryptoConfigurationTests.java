package dev.mercator.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.mercator.platform.settings.InvalidSettingsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class CryptoConfigurationTests {

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger devKeyLog = (Logger) LoggerFactory.getLogger(DevelopmentKeyFile.class);

    @BeforeEach
    void captureLog() {
        logged.start();
        devKeyLog.addAppender(logged);
    }

    @AfterEach
    void releaseLog() {
        devKeyLog.detachAppender(logged);
    }

    @Test
    void keyThatIsNotBase64StopsStartUpNamingTheVariableAndTheForm() {
        String bad = "not base64 at all!";

        assertThatThrownBy(() -> CryptoConfiguration.load(settings(bad), false))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("mercator.crypto.encryption-key (MERCATOR_ENCRYPTION_KEY)")
                .hasMessageContaining("not valid base64")
                .hasMessageContaining("base64 encoding of exactly 32 random bytes")
                .message()
                .doesNotContain(bad);
    }

    @Test
    void keyOfTheWrongLengthStopsStartUp() {
        String sixteenBytes = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> CryptoConfiguration.load(settings(sixteenBytes), false))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("MERCATOR_ENCRYPTION_KEY")
                .hasMessageContaining("decodes to 16 bytes instead of 32")
                .message()
                .doesNotContain(sixteenBytes);
    }

    @Test
    void everyBadKeyIsReportedAtOnce() {
        CryptoSettings settings = new CryptoSettings(
                "short",
                List.of(SecretCipherTests.K1, "also-bad"),
                dir.resolve("k").toString());

        assertThatThrownBy(() -> CryptoConfiguration.load(settings, false))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> {
                    assertThat(e.problems()).hasSize(2);
                    assertThat(e.problems().get(0).environmentVariable()).isEqualTo("MERCATOR_ENCRYPTION_KEY");
                    assertThat(e.problems().get(0).problem()).startsWith("is not valid base64");
                    assertThat(e.problems().get(1).environmentVariable())
                            .isEqualTo("MERCATOR_ENCRYPTION_PREVIOUS_KEYS");
                    assertThat(e.problems().get(1).problem()).startsWith("entry 2 is not valid base64");
                });
    }

    @Test
    void withoutAKeyADevelopmentKeyIsCreatedOnceOwnerOnlyAndReusedAfterARestart() throws Exception {
        Path file = dir.resolve("data/dev-encryption.key");
        CryptoSettings noKey = new CryptoSettings(null, List.of(), file.toString());

        SecretCipher firstRun = new SecretCipher(CryptoConfiguration.load(noKey, false));
        String sealed = firstRun.encrypt("kept across restarts", "owner");
        SecretCipher secondRun = new SecretCipher(CryptoConfiguration.load(noKey, false));

        assertThat(secondRun.decryptToString(sealed, "owner")).isEqualTo("kept across restarts");
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void theDevelopmentKeyIsAnnouncedAsAWarningWithoutTheKey() throws Exception {
        Path file = dir.resolve("dev.key");

        EncryptionKey key = CryptoConfiguration.load(new CryptoSettings(null, List.of(), file.toString()), false)
                .current();

        String storedKey = Files.readString(file).strip();
        assertThat(logged.list)
                .filteredOn(e -> e.getLevel() == Level.WARN)
                .singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage())
                        .contains("DEVELOPMENT key", file.toAbsolutePath().toString(), key.id())
                        .doesNotContain(storedKey));
    }

    @Test
    void aCorruptDevelopmentKeyFileStopsStartUpInsteadOfBeingReplaced() throws Exception {
        Path file = dir.resolve("dev.key");
        Files.writeString(file, "garbage");

        assertThatThrownBy(() -> CryptoConfiguration.load(new CryptoSettings(null, List.of(), file.toString()), false))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("MERCATOR_DEV_KEY_FILE");
        assertThat(Files.readString(file)).isEqualTo("garbage");
    }

    @Test
    void prodNeverFallsBackToADevelopmentKey() {
        Path file = dir.resolve("dev.key");

        assertThatThrownBy(() -> CryptoConfiguration.load(new CryptoSettings(null, List.of(), file.toString()), true))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("MERCATOR_ENCRYPTION_KEY")
                .hasMessageContaining("never uses a development key file");
        assertThat(file).doesNotExist();
    }

    @Test
    void aConfiguredKeyAndPreviousKeysFormTheRing() {
        KeyRing ring = CryptoConfiguration.load(
                new CryptoSettings(
                        SecretCipherTests.K2,
                        List.of(SecretCipherTests.K1),
                        dir.resolve("k").toString()),
                false);

        assertThat(ring.current().id())
                .isEqualTo(EncryptionKey.parse(SecretCipherTests.K2).id());
        assertThat(ring.ids())
                .containsExactly(
                        EncryptionKey.parse(SecretCipherTests.K2).id(),
                        EncryptionKey.parse(SecretCipherTests.K1).id());
        assertThat(dir.resolve("k")).doesNotExist();
    }

    private CryptoSettings settings(String key) {
        return new CryptoSettings(key, List.of(), dir.resolve("unused.key").toString());
    }
}
