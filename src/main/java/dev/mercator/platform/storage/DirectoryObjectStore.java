package dev.mercator.platform.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Objects as files under a directory: the object at {@code <dir>/<key>} and its content type beside it in {@code
 * <key>.content-type}. Each file is written to a temporary name and moved into place, so a reader never sees half an
 * object and a crash leaves at most a stray temporary file, never a torn one.
 */
final class DirectoryObjectStore implements StorageConfiguration.ClosableStore {

    private static final String TYPE_SUFFIX = ".content-type";
    private static final String TEMP_SUFFIX = ".partial";

    private final Path root;

    DirectoryObjectStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the object store directory " + this.root, e);
        }
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) {
        Path file = resolve(key);
        try {
            Files.createDirectories(file.getParent());
            write(typeFile(file), contentType.getBytes(StandardCharsets.UTF_8));
            write(file, bytes);
        } catch (IOException e) {
            throw new ObjectStoreException("could not store " + key, e);
        }
    }

    @Override
    public Optional<StoredObject> get(String key) {
        Path file = resolve(key);
        try {
            byte[] bytes = Files.readAllBytes(file);
            return Optional.of(new StoredObject(key, contentType(file), bytes));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ObjectStoreException("could not read " + key, e);
        }
    }

    @Override
    public void delete(String key) {
        Path file = resolve(key);
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(typeFile(file));
        } catch (IOException e) {
            throw new ObjectStoreException("could not delete " + key, e);
        }
    }

    @Override
    public List<ObjectInfo> list(String prefix) {
        List<ObjectInfo> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(TYPE_SUFFIX) || name.endsWith(TEMP_SUFFIX)) {
                    continue;
                }
                String key = root.relativize(file)
                        .toString()
                        .replace(file.getFileSystem().getSeparator(), "/");
                if (key.startsWith(prefix)) {
                    found.add(new ObjectInfo(key, contentType(file), Files.size(file)));
                }
            }
        } catch (IOException e) {
            throw new ObjectStoreException("could not list " + prefix, e);
        }
        found.sort((a, b) -> a.key().compareTo(b.key()));
        return found;
    }

    @Override
    public String kind() {
        return "directory";
    }

    @Override
    public void close() {}

    private Path resolve(String key) {
        Path file = root.resolve(ObjectStore.checkKey(key)).normalize();
        // checkKey already refuses "..": this is the second lock on the same door.
        if (!file.startsWith(root)) {
            throw new IllegalArgumentException("not a valid object key: " + key);
        }
        return file;
    }

    private static Path typeFile(Path file) {
        return file.resolveSibling(file.getFileName() + TYPE_SUFFIX);
    }

    private static String contentType(Path file) throws IOException {
        try {
            return Files.readString(typeFile(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "application/octet-stream";
        }
    }

    private static void write(Path target, byte[] bytes) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + TEMP_SUFFIX);
        Files.write(temp, bytes);
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
