package dev.flagledger.server.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Runs a spec against the server on the embedded default store: H2 in PostgreSQL mode. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestClock.Wiring.class)
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:flagledger-test;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000",
        "FLAGLEDGER_ADMIN_PASSWORD=" + ServerSpec.PASSWORD, TestTokens.ISSUER_PROPERTY, TestTokens.AUDIENCE_PROPERTY,
        TestTokens.KEY_PROPERTY, ServerSpec.FAST_WEBHOOK_RETRIES, ServerSpec.FEW_WEBHOOK_ATTEMPTS})
public @interface OnH2 {
}
