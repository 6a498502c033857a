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

    /** A success-plan milestone added past its due day fires at once; marking it done resolves it, with no pass asked for. */
    @Test
    void anOverdueMilestoneFiresAndMarkingItDoneResolvesIt() throws InterruptedException {
        LocalDate today = LocalDate.now(clock);
        long id = api.post("/api/accounts", "{\"externalId\":\"INITECH\",\"name\":\"Initech\",\"stage\":\"onboarding\"}")
                .json().get("id").asLong();
        JsonNode plan = api.post("/api/accounts/" + id + "/plans", "{\"title\":\"Roll-out\",\"startsOn\":\"" + today.minusDays(10)
                + "\",\"outcomes\":[{\"title\":\"Reports in use\",\"milestones\":[{\"title\":\"Admins trained\",\"ownerSide\":"
                + "\"customer\",\"dueOn\":\"" + today.minusDays(1) + "\"}]}]}").json();
        long milestone = plan.get("outcomes").get(0).get("milestones").get(0).get("id").asLong();

        when("/api/signals?account=" + id + "&open=true", s -> s.valueStream()
                .anyMatch(x -> x.get("causeKey").asString().equals("onboarding-overdue:milestone:" + milestone)));
        assertThat(api.put("/api/milestones/" + milestone, "{\"status\":\"done\"}").status()).isEqualTo(200);
        when("/api/signals?account=" + id + "&rule=onboarding-overdue&open=false", s -> s.size() == 1);
        assertThat(api.get("/api/signals?account=" + id + "&rule=onboarding-overdue&open=true").json()).isEmpty();
    }

    /**
     * During a load, an urgent ticket arriving does not fire anything: the rescored account waits, and completing the
     * load evaluates it once (the same data fires at once without a load, as above).
     */
    @Test
    void duringALoadSignalsWaitAndCompletingItEvaluatesOnce() throws InterruptedException {
        LocalDate today = LocalDate.now(clock);
        ApiClient.Response begun = api.post("/api/loads", "{\"name\":\"book from the CRM\",\"within\":\"PT1H\"}");
        assertThat(begun.status()).as(begun.body()).isEqualTo(201);
        long load = begun.json().get("id").asLong();
        assertThat(api.post("/api/loads", "{\"name\":\"\",\"within\":\"PT48H\"}").body()).contains("name")
                .contains("within").contains("24 hours");

        long id = api.post("/api/accounts", "{\"externalId\":\"CORVID\",\"name\":\"Corvid\",\"stage\":\"mature\"}").json()
                .get("id").asLong();
        api.post("/api/accounts/" + id + "/subscriptions", "{\"externalId\":\"COR-1\",\"startDate\":\""
                + today.minusDays(100) + "\",\"endDate\":\"" + today.plusDays(265) + "\",\"lineItems\":[{\"plan\":\"enterprise\","
                + "\"seats\":100,\"arr\":200000}]}");
        api.post("/api/accounts/" + id + "/tickets", "{\"externalId\":\"COR-T1\",\"subject\":\"Outage\",\"priority\":\"urgent\"}");
        // The rescore happens (the score is stored), but the account waits for the load instead of being evaluated.
        when("/api/accounts/" + id + "/health", h -> h.has("score") && !h.get("score").isNull());
        Thread.sleep(1500);
        assertThat(api.get("/api/signals?account=" + id + "&open=true").json()).isEmpty();

        JsonNode completed = api.post("/api/loads/" + load + "/complete", "").json();
        assertThat(completed.get("evaluated").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(api.get("/api/signals?account=" + id + "&open=true").json().valueStream()
                .map(x -> x.get("rule").asString())).contains("urgent-ticket");
        assertThat(api.post("/api/loads/" + load + "/complete", "").status()).as("completed once").isEqualTo(409);
    }
}
