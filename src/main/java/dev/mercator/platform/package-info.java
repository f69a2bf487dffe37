/**
 * Shared ground every capability stands on: tenancy, HTTP edge (problems, request ids, limits), security, outbound
 * HTTP, encryption of kept secrets and component health.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
@NullMarked
package dev.mercator.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
