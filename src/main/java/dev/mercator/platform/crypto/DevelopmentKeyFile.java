package dev.mercator.platform.crypto;

import dev.mercator.platform.settings.InvalidSettingsException;
import dev.mercator.platform.settings.SettingProblem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key used when none is configured outside prod. It is generated once and kept in a file, so secrets stored by one
 * development run can still be read after a restart; losing the file loses them, which is acceptable only for
 * development data.
 */
final class DevelopmentKeyFile {

    private static final Logger log = LoggerFactory.getLogger(DevelopmentKeyFile.class);
    static final String SETTING = "mercator.crypto.dev-key-file";
    static final String VARIABLE = "MERCATOR_DEV_KEY_FILE";
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private DevelopmentKeyFile() {}

    static EncryptionKey loadOrCreate(Path file) {
        Path path = file.toAbsolutePath().normalize();
        try {
            boolean created = !Files.exists(path) && create(path);
            EncryptionKey key = read(path);
            log.warn(
                    "MERCATOR_ENCRYPTION_KEY is not set: secrets are encrypted with a DEVELOPMENT key {} {} (key id {})."
                            + " Anyone with that file can read them. Set MERCATOR_ENCRYPTION_KEY for real use; the prod"
                            + " profile refuses to start without it.",
                    created ? "created in" : "read from",
                    path,
                    key.id());
            return key;
        } catch (IOException e) {
            throw new InvalidSettingsException(new SettingProblem(
                    SETTING,
                    VARIABLE,
                    "the development key file " + path + " cannot be used ("
                            + e.getClass().getSimpleName()
                            + "); point it at a writable location, or set MERCATOR_ENCRYPTION_KEY to "
                            + EncryptionKey.EXPECTED_FORM));
        }
    }

    /** Creates the file with a new key; false if another process created it first (then its key is used). */
    private static boolean create(Path path) throws IOException {
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        boolean posix = path.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        // CREATE_NEW: two instances starting together must not each write a key and overwrite the other's.
        try (SeekableByteChannel out = Files.newByteChannel(
                path, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
            out.write(ByteBuffer.wrap(
                    (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII)));
        } catch (FileAlreadyExistsException raced) {
            return false;
        }
        if (!posix) {
            // Best effort where the file system has no POSIX modes.
            var asFile = path.toFile();
            asFile.setReadable(false, false);
            asFile.setReadable(true, true);
            asFile.setWritable(false, false);
            asFile.setWritable(true, true);
        }
        return true;
    }

    private static EncryptionKey read(Path path) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")
                && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(path))) {
            log.warn("The development key file {} is readable or writable by other users; chmod 600 it", path);
        }
        String content = Files.readString(path, StandardCharsets.US_ASCII).strip();
        try {
            return EncryptionKey.parse(content);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(new SettingProblem(
                    SETTING,
                    VARIABLE,
                    "the development key file " + path + " " + e.getMessage()
                            + "; restore it, or delete it to start over (secrets stored with it become unreadable)"));
        }
    }
}
