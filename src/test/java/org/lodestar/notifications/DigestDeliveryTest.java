package org.lodestar.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.FreePorts;
import org.lodestar.LodestarTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A digest sent now when the mail server does not answer (a port on this machine where nothing listens): the
 * documented 502 naming what the server said, as outreach answers, never a 500 with a stack trace in the log.
 */
@LodestarTest
class DigestDeliveryTest {

    static final int SILENT_PORT = FreePorts.any();

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SILENT_PORT);
    }

    @LocalServerPort
    int port;

    @Test
    void aMailServerThatDoesNotAnswerIsA502() {
        ApiClient.Response sent = new ApiClient(port, LodestarTest.ADMIN_TOKEN).post("/api/me/digest", "");
        assertThat(sent.status()).as(sent.body()).isEqualTo(502);
        assertThat(sent.json().get("title").asString()).isEqualTo("Delivery failed");
        assertThat(sent.json().get("detail").asString()).startsWith("The mail server at 127.0.0.1:" + SILENT_PORT + " did not take the message (")
                .endsWith("). Nothing was sent.").doesNotContain("Exception");
    }
}
