package dev.flagledger.server.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Runs a spec against the server on a real PostgreSQL (embedded binaries, started by the test). */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestClock.Wiring.class)
@ContextConfiguration(initializers = PostgresStore.class)
@TestPropertySource(properties = {"FLAGLEDGER_ADMIN_PASSWORD=" + ServerSpec.PASSWORD, TestTokens.ISSUER_PROPERTY,
        TestTokens.AUDIENCE_PROPERTY, TestTokens.KEY_PROPERTY})
public @interface OnPostgres {
}
