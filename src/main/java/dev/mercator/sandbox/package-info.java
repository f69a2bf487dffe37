/** Simulators of the external providers, served by Mercator itself under /sandbox/{provider}, with fault injection. */
@ApplicationModule(allowedDependencies = {"platform", "platform :: *"})
@NullMarked
package dev.mercator.sandbox;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
