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
 * Runs a suite against PostgreSQL when {@code MERCATOR_TEST_POSTGRES_URL} is set (CI always sets it; .ci/run fails if
 * these suites were skipped). Each test JVM gets a schema of its own, dropped when the JVM exits.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag("postgres")
@EnabledIfEnvironmentVariable(named = "MERCATOR_TEST_POSTGRES_URL", matches = ".+")
@ContextConfiguration(initializers = PostgresSchema.class)
public @interface PostgresSuite {}
