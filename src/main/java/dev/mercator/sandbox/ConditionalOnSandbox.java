package dev.mercator.sandbox;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;

/**
 * Marks a sandbox bean: it exists only while {@code mercator.sandbox.enabled} is true (the default; false in the prod
 * profile). Every simulator controller carries it, so a disabled sandbox has no routes at all.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ConditionalOnBooleanProperty(name = "mercator.sandbox.enabled", matchIfMissing = true)
public @interface ConditionalOnSandbox {}
