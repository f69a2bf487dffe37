package dev.mercator.platform.storage;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the service keeps files by key: a directory on disk by default, S3 when configured. Keys are relative paths of
 * safe characters ({@code a-z A-Z 0-9 . _ - /}), never absolute and never with {@code ..}, so no key can name a file
 * outside the store on disk nor mean different things on the two adapters.
 *
 * <p>A failure of the store itself (disk full, S3 unreachable) is thrown as {@link ObjectStoreException}: callers that
 * must store all or nothing undo what they put and answer 503.
 */
public interface ObjectStore {

    Pattern KEY = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

    /** Stores (or replaces) the object under {@code key}. */
    void put(String key, byte[] bytes, String contentType);

    /** The object under {@code key}, or empty when there is none. */
    Optional<StoredObject> get(String key);

    /** Deletes the object under {@code key}; deleting what is not there is not an error. */
    void delete(String key);

    /** The objects whose keys start with {@code prefix}, in key order. */
    List<ObjectInfo> list(String prefix);

    /** Which adapter this is ({@code directory}, {@code s3}), for health and logs. */
    String kind();

    /** An object's bytes with its content type. */
    record StoredObject(String key, String contentType, byte[] bytes) {
        public long size() {
            return bytes.length;
        }
    }

    /** An object's key, content type and size, without its bytes. */
    record ObjectInfo(String key, String contentType, long size) {}

    /** @throws IllegalArgumentException for a key the store refuses */
    static String checkKey(String key) {
        if (!KEY.matcher(key).matches() || key.contains("..") || key.length() > 512) {
            throw new IllegalArgumentException("not a valid object key: " + key);
        }
        return key;
    }

    /** The store could not do what was asked (I/O, network, the service refused). */
    final class ObjectStoreException extends RuntimeException {
        public ObjectStoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
