package dev.mercator.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link ObjectStore} adapter does, run against each one. */
abstract class ObjectStoreContract {

    abstract ObjectStore store();

    private final String root = "contract/" + UUID.randomUUID() + "/";

    @Test
    void anObjectPutIsReadBackWithItsContentTypeAndSize() {
        byte[] bytes = "hello photo".getBytes(StandardCharsets.UTF_8);

        store().put(root + "a/1.jpg", bytes, "image/jpeg");

        ObjectStore.StoredObject read = store().get(root + "a/1.jpg").orElseThrow();
        assertThat(read.bytes()).isEqualTo(bytes);
        assertThat(read.contentType()).isEqualTo("image/jpeg");
        assertThat(read.size()).isEqualTo(bytes.length);
    }

    @Test
    void aPutReplacesTheObjectUnderTheSameKey() {
        store().put(root + "x.png", new byte[] {1, 2, 3}, "image/png");
        store().put(root + "x.png", new byte[] {4}, "image/webp");

        ObjectStore.StoredObject read = store().get(root + "x.png").orElseThrow();
        assertThat(read.bytes()).containsExactly(4);
        assertThat(read.contentType()).isEqualTo("image/webp");
    }

    @Test
    void listingByPrefixGivesKeysInOrderWithSizesAndTypes() {
        store().put(root + "b/2.png", new byte[20], "image/png");
        store().put(root + "b/1.jpg", new byte[10], "image/jpeg");
        store().put(root + "c/1.jpg", new byte[5], "image/jpeg");

        var listed = store().list(root + "b/");

        assertThat(listed)
                .containsExactly(
                        new ObjectStore.ObjectInfo(root + "b/1.jpg", "image/jpeg", 10),
                        new ObjectStore.ObjectInfo(root + "b/2.png", "image/png", 20));
    }

    @Test
    void aDeletedObjectIsGoneAndDeletingTwiceIsHarmless() {
        store().put(root + "d.jpg", new byte[] {9}, "image/jpeg");

        store().delete(root + "d.jpg");
        store().delete(root + "d.jpg");

        assertThat(store().get(root + "d.jpg")).isEmpty();
        assertThat(store().list(root)).isEmpty();
    }

    @Test
    void aMissingObjectIsEmpty() {
        assertThat(store().get(root + "nothing.jpg")).isEmpty();
    }

    @Test
    void keysThatCouldEscapeTheStoreAreRefused() {
        for (String key : new String[] {"../etc/passwd", "/abs.jpg", "a/../../b", "a//b", "a\\b", ""}) {
            assertThatThrownBy(() -> store().put(key, new byte[] {1}, "image/jpeg"))
                    .as(key)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
