package dev.mercator.platform.storage;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one {@link ObjectStore} of the service, by {@code mercator.storage.type}. */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    @Bean(destroyMethod = "close")
    ClosableStore objectStore(StorageSettings settings) {
        return switch (settings.type()) {
            case DIRECTORY -> new DirectoryObjectStore(settings.directory());
            case S3 -> S3ObjectStore.create(settings.s3());
        };
    }

    /** An object store that may hold a connection pool to release at shutdown. */
    interface ClosableStore extends ObjectStore, AutoCloseable {
        @Override
        void close();
    }
}
