package org.lodestar.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.FormSession;
import org.lodestar.LodestarTest;
import org.lodestar.audit.Actor;
import org.lodestar.audit.Actors;
import org.lodestar.signals.Signals;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The account page as a CSM reads it: tabs that load only their own panels, contracts by what they sell,
 * the ARR history in sentences, and words instead of keys.
 */
@LodestarTest
class AccountPageTest {

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    Clock clock;
    @Autowired
    Signals signals;
    ApiClient api;
    FormSession session;
    long acme;
    LocalDate today;

    @BeforeEach
    void setUp() {
        book.empty();
        api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
        acme = api.post("/api/accounts", "{\"externalId\":\"P-ACME\",\"name\":\"Acme\"}").json().get("id").asLong();
        today = LocalDate.now(clock);
        session = new FormSession(port);
        session.signIn(LodestarTest.ADMIN_EMAIL, LodestarTest.ADMIN_PASSWORD);
    }

    private String page(String query) {
        return session.send("GET", "/accounts/" + acme + query, Map.of()).body();
    }

    /** The opening tag of the element with this id. */
    private static String tag(String html, String id) {
        int at = html.indexOf("id=\"" + id + "\"");
        assertThat(at).as("an element with id " + id).isNotNegative();
        return html.substring(html.lastIndexOf('<', at), html.indexOf('>', at) + 1);
    }

    @Test
    void theOverviewIsTheFirstOfEightTabsAndLoadsOnlyItsOwnPanels() {
        String overview = page("");
        assertThat(tag(overview, "tab-overview")).contains("role=\"tab\"", "href=\"/accounts/" + acme + "?tab=overview\"",
                "aria-selected=\"true\"", "aria-controls=\"panel-overview\"", "tabindex=\"0\"");
        assertThat(tag(overview, "tab-health")).contains("aria-selected=\"false\"", "tabindex=\"-1\"");
        assertThat(tag(overview, "panel-overview")).contains("role=\"tabpanel\"", "aria-labelledby=\"tab-overview\"");
        assertThat(overview).contains("role=\"tablist\"")
                .contains("id=\"tab-usage\"", "id=\"tab-plan\"", "id=\"tab-work\"", "id=\"tab-people\"", "id=\"tab-contracts\"",
                        "id=\"tab-timeline\"")
                .contains("hx-get=\"/accounts/" + acme + "/health/summary\"", "hx-get=\"/accounts/" + acme + "/work/summary\"",
                        "hx-get=\"/accounts/" + acme + "/health/reasons\"")
                .doesNotContain("/subscriptions\"", "/usage\"", "/tickets\"", "/invoices\"", "/outreach\"");

        String contracts = page("?tab=contracts");
        assertThat(tag(contracts, "tab-contracts")).contains("aria-selected=\"true\"");
        assertThat(contracts).contains("hx-get=\"/accounts/" + acme + "/subscriptions\"", "hx-get=\"/accounts/" + acme + "/invoices\"")
                .doesNotContain("/health/summary\"", "/usage\"", "id=\"stakeholders\"", "id=\"log-submit\"");
        assertThat(page("?tab=timeline")).contains("id=\"log-submit\"").doesNotContain("/subscriptions\"");
        assertThat(page("?tab=people")).contains("id=\"stakeholders\"");
        assertThat(tag(page("?tab=nonsense"), "tab-overview")).contains("aria-selected=\"true\"");
    }

    @Test
    void contractsAreNamedByPlanModulesAndPeriodAndTheHistoryReadsAsSentences() {
        api.post("/api/accounts/" + acme + "/subscriptions", "{\"externalId\":\"SUB-000181-3\",\"startDate\":\""
                + today.minusDays(500) + "\",\"endDate\":\"" + today.minusDays(100) + "\",\"lineItems\":["
                + "{\"plan\":\"growth\",\"module\":\"core\",\"seats\":100,\"arr\":100000},"
                + "{\"plan\":\"growth\",\"module\":\"analytics\",\"seats\":10,\"arr\":18000,\"endDate\":\"" + today.minusDays(300)
                + "\"}]}");
        api.post("/api/accounts/" + acme + "/subscriptions", "{\"externalId\":\"SUB-000181-4\",\"startDate\":\""
                + today.minusDays(100) + "\",\"endDate\":\"" + today.plusDays(265) + "\",\"lineItems\":["
                + "{\"plan\":\"growth\",\"module\":\"core\",\"seats\":120,\"arr\":120000}]}");

        String panel = api.get("/accounts/" + acme + "/subscriptions").body();
        assertThat(panel).contains("<strong class=\"contract-title\">Growth · core, analytics</strong>",
                        "<strong class=\"contract-title\">Growth · core</strong>")
                .containsPattern("class=\"sub contract-id\"[^>]*>SUB-000181-3<")
                .doesNotContainPattern("<strong[^>]*>SUB-000181");
        // 118,000 new; the analytics module ends (−18,000); SUB-4 renews core at 120,000 (+20,000); its end is to come.
        assertThat(panel).contains("New business at $118,000: Growth · core, analytics",
                "Analytics module ended: −$18,000", "Renewed at $120,000 (+$20,000)",
                "Every contract ends, unless renewed: −$120,000")
                .as("the ledger's own words stay at hand").contains("SUB-000181-3 growth/analytics ends: 10 seats");
        assertThat(page("")).contains("id=\"account-arr\">$120,000<");
    }

    @Test
    void aPlayIsClosedWithAnOutcomeChosenNotADefaultAndSignalsReadAsWords() {
        api.post("/api/accounts/" + acme + "/subscriptions", "{\"externalId\":\"SUB-ACME\",\"startDate\":\""
                + today.minusDays(30) + "\",\"endDate\":\"" + today.plusDays(335) + "\",\"lineItems\":["
                + "{\"plan\":\"enterprise\",\"module\":\"core\",\"seats\":500,\"arr\":150000}]}");
        api.post("/api/accounts/" + acme + "/tickets", "{\"externalId\":\"ZD-77\",\"subject\":\"Rockets misfire\","
                + "\"priority\":\"urgent\"}");
        Actors.runAs(Actor.system(), () -> signals.evaluate(null));

        String work = api.get("/accounts/" + acme + "/work").body();
        assertThat(work).contains("major-incident")
                .contains("<option value=\"\" selected disabled>choose an outcome…</option>")
                .containsPattern("<select name=\"outcome\" id=\"outcome-\\d+\" required")
                .doesNotContainPattern("<option value=\"saved\"[^>]*selected")
                .contains("title=\"An urgent support ticket is open.\"", "Urgent ticket · since")
                .doesNotContain(">urgent-ticket · since");
        int open = signals.openSignals(List.of(acme)).size();
        assertThat(open).as("the urgent ticket at least").isPositive();
        assertThat(api.get("/accounts/" + acme + "/work/summary").body())
                .contains(">" + open + (open == 1 ? " signal · " : " signals · "));

        String outreach = api.get("/accounts/" + acme + "/outreach?template=critical-bug-alert").body();
        assertThat(outreach).contains(">Bug</span>", ">Ticket</span>").doesNotContainPattern(">vars\\.[a-z_]+<");
    }

    @Test
    void aNewSmallCustomersOnboardingPlanShowsItsOutcomesAndMilestones() {
        api.post("/api/accounts/" + acme + "/subscriptions", "{\"externalId\":\"SUB-NEW\",\"startDate\":\""
                + today.minusDays(3) + "\",\"endDate\":\"" + today.plusDays(362) + "\",\"lineItems\":["
                + "{\"plan\":\"starter\",\"module\":\"core\",\"seats\":10,\"arr\":6000}]}");
        Actors.runAs(Actor.system(), () -> signals.evaluate(null));

        String plan = api.get("/accounts/" + acme + "/plans").body();
        assertThat(plan).contains("30-day SMB onboarding", "The team uses the product every week",
                "The first agreed value reached", "Kickoff held", today.plusDays(2).toString(), today.plusDays(30).toString(),
                "Customer (to name)", "first value")
                .doesNotContain("No success plan yet.");
    }

    @Test
    void anAccountWithoutPlaysSaysItHasNoSuccessPlan() {
        assertThat(api.get("/accounts/" + acme + "/plan").body())
                .contains("No success plan: none of this account's plays attaches one.");
    }
}
