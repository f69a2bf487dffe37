package dev.mercator.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.test.context.ContextConfiguration;

/**
 * Runs a suite with Redis when {@code MERCATOR_TEST_REDIS_URL} is set (CI always sets it; .ci/run fails if these
 * suites were skipped).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag("redis")
@EnabledIfEnvironmentVariable(named = "MERCATOR_TEST_REDIS_URL", matches = ".+")
@ContextConfiguration(initializers = RedisUrl.class)
public @interface RedisSuite {}
