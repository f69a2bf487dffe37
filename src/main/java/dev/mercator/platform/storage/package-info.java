/**
 * Object storage for files the service keeps (a seller's photos): a port with a directory adapter, the default, and an
 * S3 adapter (AWS SDK v2, any S3-compatible endpoint) when configured. ADR 29.
 */
@NullMarked
package dev.mercator.platform.storage;

import org.jspecify.annotations.NullMarked;
