package org.lodestar.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.lodestar.FreePorts;
import org.lodestar.LodestarTest;
import org.lodestar.Scrape;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Opted in, Prometheus scrapes the management port without a token; the rest of the actuator there, and the metrics on
 * the port people use, still ask for credentials.
 */
@LodestarTest
class OpenMetricsPortTest {

    private static final int MANAGEMENT_PORT = FreePorts.any();

    @DynamicPropertySource
    static void managementPort(DynamicPropertyRegistry registry) {
        registry.add("management.server.port", () -> MANAGEMENT_PORT);
        registry.add("lodestar.metrics.open-on-management-port", () -> "true");
    }

    @LocalServerPort
    int port;

    @Test
    void theManagementPortServesTheMetricsWithoutAToken() {
        Scrape open = Scrape.of(MANAGEMENT_PORT, null);
        assertThat(open.status()).isEqualTo(200);
        assertThat(open.names()).contains("lodestar_events_ingested_total", "lodestar_tasks_overdue");

        assertThat(Scrape.of(port, null).status()).as("the server's own port").isEqualTo(302);
        assertThat(Scrape.of(port, LodestarTest.ADMIN_TOKEN).status()).as("the actuator moved to the management port")
                .isEqualTo(404);
        assertThat(Scrape.of(MANAGEMENT_PORT, LodestarTest.ADMIN_TOKEN).status()).isEqualTo(200);
    }

    @Test
    void theRestOfTheManagementPortStillAsksForCredentials() throws Exception {
        HttpResponse<String> metrics;
        try (HttpClient http = HttpClient.newHttpClient()) {
            metrics = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + MANAGEMENT_PORT + "/actuator/metrics"))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }
        assertThat(metrics.statusCode()).isEqualTo(302);
    }

    @Test
    void openingNeedsAManagementPortOfItsOwn() {
        assertThat(SecurityConfiguration.openMetricsPort(false, "", "8080")).isZero();
        assertThat(SecurityConfiguration.openMetricsPort(true, "9464", "8080")).isEqualTo(9464);
        assertThatThrownBy(() -> SecurityConfiguration.openMetricsPort(true, "", "8080"))
                .hasMessage("lodestar.metrics.open-on-management-port=true opens /actuator/prometheus on the management "
                        + "port only: set management.server.port (MANAGEMENT_SERVER_PORT) to a port of its own, other than "
                        + "the server's (8080); got ''");
        assertThatThrownBy(() -> SecurityConfiguration.openMetricsPort(true, "8080", "8080"))
                .hasMessageContaining("other than the server's (8080); got '8080'");
    }
}
