package io.omnisync.platform;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs a test once on H2 and once on PostgreSQL; the test takes a {@link StateDatabases.Engine} and opens
 * a fresh database with {@code engine.open()}. Invocations are named "H2" and "PostgreSQL".
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}")
@MethodSource("io.omnisync.platform.StateDatabases#engines")
public @interface OnBothDatabases {
}
