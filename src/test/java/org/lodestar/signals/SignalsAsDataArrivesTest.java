package org.lodestar.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.LodestarTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * With signals live, as in production: an urgent ticket posted to the API fires its signal and the
 * major-incident play moments later, with no one asking; solving it resolves the signal.
 */
@Tag("slow")
@LodestarTest
// No start-up pass over the book: it would race the test's emptying of the book.
@TestPropertySource(properties = { "lodestar.signals.live=true", "lodestar.signals.evaluate-on-start=false" })
class SignalsAsDataArrivesTest {

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    Clock clock;
    ApiClient api;

    @BeforeEach
    void setUp() {
        book.empty();
        api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
    }

    /** Polls until {@code path} answers what {@code ready} wants: signals follow commits, in the background. */
    private JsonNode when(String path, Predicate<JsonNode> ready) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = api.get(path).json();
            if (ready.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(path + " never became as expected; last answer: " + last);
    }

    @Test
    void anUrgentTicketFiresItsSignalAndPlayAndSolvingItResolvesTheSignal() throws InterruptedException {
        LocalDate today = LocalDate.now(clock);
        long id = api.post("/api/accounts", "{\"externalId\":\"UMBRELLA\",\"name\":\"Umbrella\",\"stage\":\"mature\"}").json()
                .get("id").asLong();
        assertThat(api.post("/api/accounts/" + id + "/subscriptions", "{\"externalId\":\"UMB-1\",\"startDate\":\""
                + today.minusDays(100) + "\",\"endDate\":\"" + today.plusDays(265) + "\",\"lineItems\":[{\"plan\":\"enterprise\","
                + "\"seats\":100,\"arr\":200000}]}").status()).isEqualTo(201);
        long ticket = api.post("/api/accounts/" + id + "/tickets", "{\"externalId\":\"UMB-T1\",\"subject\":\"Outbreak\","
                + "\"priority\":\"urgent\"}").json().get("id").asLong();

        JsonNode open = when("/api/signals?account=" + id + "&open=true",
                s -> s.valueStream().anyMatch(x -> x.get("rule").asString().equals("urgent-ticket")));
        assertThat(open.valueStream().filter(x -> x.get("rule").asString().equals("urgent-ticket")).findFirst().orElseThrow()
                .get("summary").asString()).startsWith("Urgent ticket UMB-T1 open since ").endsWith(": Outbreak.");
        when("/api/plays?account=" + id, p -> p.valueStream().anyMatch(x -> x.get("playbook").asString().equals("major-incident")));

        assertThat(api.put("/api/tickets/" + ticket, "{\"externalId\":\"UMB-T1\",\"subject\":\"Outbreak\",\"status\":\"solved\","
                + "\"priority\":\"urgent\"}").status()).isEqualTo(200);
        when("/api/signals?account=" + id + "&rule=urgent-ticket&open=false", s -> s.size() == 1);
    }
}
