/** Simulators of Amazon's product APIs: the Creators API (OAuth2) and PA-API 5.0 (AWS SigV4). */
@NullMarked
package dev.mercator.sandbox.amazon;

import org.jspecify.annotations.NullMarked;
