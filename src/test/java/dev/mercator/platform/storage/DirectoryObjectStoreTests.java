package dev.mercator.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryObjectStoreTests extends ObjectStoreContract {

    @TempDir
    Path dir;

    private DirectoryObjectStore store;

    @Override
    ObjectStore store() {
        if (store == null) {
            store = new DirectoryObjectStore(dir);
        }
        return store;
    }

    @Test
    void objectsAreFilesUnderTheDirectoryAndNoTemporaryFileIsLeft() throws Exception {
        store().put("p/1.jpg", new byte[] {1, 2}, "image/jpeg");

        assertThat(Files.readAllBytes(dir.resolve("p/1.jpg"))).containsExactly(1, 2);
        try (var files = Files.list(dir.resolve("p"))) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.endsWith(".partial"));
        }
    }
}
