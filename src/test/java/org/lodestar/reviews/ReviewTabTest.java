package org.lodestar.reviews;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.FormSession;
import org.lodestar.LodestarTest;
import org.lodestar.TestClock;
import org.lodestar.people.Role;
import org.lodestar.people.TokenScope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The account page's Review tab on 5 January 2027: the picker opens 2026 Q4 (the quarter just ended), Maya states an
 * ROI of 250,000 whose parts sum to 230,000 and sees the pack refused, corrects it to 230,000 and downloads the PDF.
 * A figure part not written "label: value" is named. A read-only user sees the draft without the save button and
 * is refused.
 */
@LodestarTest
@Import(TestClock.Config.class)
class ReviewTabTest {

    private static final String MAYA = "maya@lodestar.test";
    private static final String VIEWER = "viewer@lodestar.test";

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    TestClock clock;
    @Autowired
    ReviewDrafts drafts;
    FormSession maya;
    long acme;

    @BeforeEach
    void setUp() {
        clock.setDay(LocalDate.of(2027, 1, 5));
        book.empty();
        ApiClient api = new ApiClient(port, book.tokenFor(MAYA, Role.CSM, TokenScope.WRITE));
        book.tokenFor(VIEWER, Role.READ_ONLY, TokenScope.READ);
        acme = api.post("/api/accounts", "{\"externalId\":\"T-ACME\",\"name\":\"Acme\",\"owner\":\"" + MAYA + "\"}").json()
                .get("id").asLong();
        api.post("/api/accounts/" + acme + "/subscriptions", "{\"externalId\":\"T-1\",\"startDate\":\"2026-01-01\","
                + "\"endDate\":\"2027-06-01\",\"lineItems\":[{\"plan\":\"growth\",\"seats\":10,\"arr\":24000}]}");
        maya = new FormSession(port);
        maya.signIn(MAYA, "password-1234");
    }

    private static List<Map.Entry<String, String>> form(String stated, String parts) {
        return List.of(Map.entry("kind", "qbr"), Map.entry("quarter", "2026Q4"), Map.entry("summary", "A strong quarter."),
                Map.entry("figureLabel", "ROI"), Map.entry("figureUnit", "USD"), Map.entry("figureStated", stated),
                Map.entry("figureParts", parts),
                Map.entry("figureLabel", ""), Map.entry("figureUnit", ""), Map.entry("figureStated", ""),
                Map.entry("figureParts", ""));
    }

    @Test
    void aCsmStatesAFigureSeesTheRefusalCorrectsItAndDownloadsThePack() {
        assertThat(maya.send("GET", "/accounts/" + acme + "?tab=review", Map.of()).body())
                .contains("hx-get=\"/accounts/" + acme + "/review\"");
        String panel = maya.send("GET", "/accounts/" + acme + "/review", Map.of()).body();
        assertThat(panel).contains("<option value=\"2026Q4\" selected=\"selected\">2026Q4</option>",
                "4 totals checked against their parts: all add up.", "id=\"review-save\"",
                "href=\"/accounts/" + acme + "/review/qbr/2026Q4.pdf\"", "Not saved yet");

        String refused = maya.send("POST", "/accounts/" + acme + "/review",
                form("250,000", "Hours saved: 120000\nFewer tickets: 110000")).body();
        assertThat(refused).contains("Draft saved.", "id=\"review-mismatches\"",
                "ROI: stated 250000 USD, but its parts sum to 230000 (Hours saved 120000 + Fewer tickets 110000)")
                .doesNotContain("id=\"review-pdf\"");
        HttpResponse<String> noFile = maya.send("GET", "/accounts/" + acme + "/review/qbr/2026Q4.pdf", Map.of());
        assertThat(noFile.statusCode()).isEqualTo(422);
        assertThat(noFile.body()).contains("ROI: stated 250000 USD, but its parts sum to 230000");

        String fixed = maya.send("POST", "/accounts/" + acme + "/review",
                form("230000", "Hours saved: 120000\nFewer tickets: 110000")).body();
        assertThat(fixed).contains("5 totals checked against their parts: all add up.", "id=\"review-pdf\"");
        ReviewDraft saved = drafts.find(acme, ReviewKind.QBR, new Quarter(2026, 4)).orElseThrow();
        assertThat(saved.narrative().summary()).isEqualTo("A strong quarter.");
        assertThat(saved.figures()).singleElement().satisfies(f -> {
            assertThat(f.stated()).isEqualByComparingTo("230000");
            assertThat(f.parts()).extracting(StatedFigure.Part::label).containsExactly("Hours saved", "Fewer tickets");
        });
        HttpResponse<String> pdf = maya.send("GET", "/accounts/" + acme + "/review/qbr/2026Q4.pdf", Map.of());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/pdf");
        assertThat(pdf.body()).startsWith("%PDF-");

        String bad = maya.send("POST", "/accounts/" + acme + "/review", form("230000", "Hours saved 120000")).body();
        assertThat(bad).contains("id=\"review-errors\"",
                "Figures 1 › parts 1: expected &#39;label: value&#39;, such as &#39;Hours saved: 120000&#39;");
        assertThat(drafts.find(acme, ReviewKind.QBR, new Quarter(2026, 4)).orElseThrow().figures().getFirst().parts())
                .as("nothing written").hasSize(2);
    }

    @Test
    void aReadOnlyUserSeesTheDraftWithoutTheSaveButtonAndIsRefused() {
        FormSession viewer = new FormSession(port);
        viewer.signIn(VIEWER, "password-1234");

        String panel = viewer.send("GET", "/accounts/" + acme + "/review?kind=ebr&quarter=2026Q3", Map.of()).body();
        assertThat(panel).contains("<fieldset disabled=\"disabled\">", "<option value=\"ebr\" selected=\"selected\">EBR</option>")
                .doesNotContain("id=\"review-save\"", "id=\"review-figure-new\"");
        assertThat(viewer.send("POST", "/accounts/" + acme + "/review", form("1", "A: 1")).statusCode()).isEqualTo(403);
        assertThat(drafts.find(acme, ReviewKind.QBR, new Quarter(2026, 4))).isEmpty();
        assertThat(viewer.send("GET", "/accounts/" + acme + "/review?quarter=2026Q9", Map.of()).body())
                .contains("Quarter: expected a quarter such as 2026Q4");
    }
}
