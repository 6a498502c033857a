package org.lodestar;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * A test against a running Lodestar (random port) on the test database, with a known admin and
 * bootstrap token. All such tests share one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(DatabaseAvailable.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "lodestar.admin.email=" + LodestarTest.ADMIN_EMAIL,
        "lodestar.admin.password=" + LodestarTest.ADMIN_PASSWORD,
        "lodestar.admin.token=" + LodestarTest.ADMIN_TOKEN,
        "lodestar.contracts.refresh-cron=-",
        "lodestar.health.recompute-cron=-",
        "lodestar.health.recompute-on-start=false",
        "lodestar.signals.live=false",
        // Test contexts close together when the test JVM exits; a listener waiting on another context's lock would
        // otherwise hold the exit for the production default of 30 s.
        "lodestar.events.shutdown-wait=PT2S",
        // Tests read a gauge right after the change it shows; the cache itself is tested alone (DatabaseGaugesTest).
        "lodestar.metrics.cache=PT0S",
        "logging.level.root=warn" })
@ContextConfiguration(initializers = TestDatabase.class)
public @interface LodestarTest {

    String ADMIN_EMAIL = "admin@lodestar.test";
    String ADMIN_PASSWORD = "admin-password-for-tests";
    String ADMIN_TOKEN = "lsk_bootstrap_token_for_the_test_suite";
}
