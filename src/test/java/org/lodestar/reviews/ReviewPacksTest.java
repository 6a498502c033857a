package org.lodestar.reviews;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFShape;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTable;
import org.apache.poi.xslf.usermodel.XSLFTableCell;
import org.apache.poi.xslf.usermodel.XSLFTableRow;
import org.apache.poi.xslf.usermodel.XSLFTextShape;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.LodestarTest;
import org.lodestar.TestClock;
import org.lodestar.audit.AuditEvent;
import org.lodestar.audit.AuditLog;
import org.lodestar.audit.AuditQuery;
import org.lodestar.people.Role;
import org.lodestar.people.TokenScope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;

/**
 * Acme's 2026 Q4 review, generated on 5 January 2027 and read back from the files. The book, and what the pack must
 * show (hand-computed):
 * <pre>
 * contract ACME-1, 1 Jan 2026 to 1 Jan 2027: core 60,000 all year; analytics 10,000 until 1 Dec 2026;
 *   reports 20,000.50 from 1 Nov 2026
 *   ARR bridge Q4: 70,000.00 at the start + 20,000.50 expansion − 10,000.00 contraction = 80,000.50 at the end
 *   next renewal 1 Jan 2027, 80,000.50 due (core and reports run to the end)
 * plan: Kickoff held and Reports live done in Q4 (15 Nov), Admins trained and Month-end close open: 4 = 2 + 2
 * tickets opened in Q4: urgent 1, high 2, normal 2, low 0 = 5 (3 solved, 1 escalated); open on 31 Dec: 2 from Q4
 *   and 1 from September = 3
 * modules contracted on 31 Dec: core, reports = 2; used in Q4: core (and billing, not contracted) = 1 used + 1 not used
 * stated: ROI 150,000 USD = hours saved 100,000 + fewer tickets 50,000
 * EBR: ARR at the end of 2026 = 0 at the start + 80,000.50 of movements; sponsor Dana Reyes (CFO)
 * </pre>
 */
@LodestarTest
@Import(TestClock.Config.class)
class ReviewPacksTest {

    private static final String MAYA = "maya@lodestar.test";
    private static final String ROI = """
            {"figures": [{"label": "ROI", "unit": "USD", "stated": %s, "parts": [
              {"label": "Hours saved (2,000 h at 50)", "value": 100000},
              {"label": "Fewer tickets", "value": 50000}]}]}""";

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    TestClock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AuditLog audit;
    @Autowired
    ReviewDrafts drafts;
    ApiClient maya;
    ApiClient viewer;
    String mayaToken;
    long acme;

    @BeforeEach
    void setUp() {
        clock.setDay(LocalDate.of(2026, 11, 15));
        book.empty();
        mayaToken = book.tokenFor(MAYA, Role.CSM, TokenScope.WRITE);
        maya = new ApiClient(port, mayaToken);
        viewer = new ApiClient(port, book.tokenFor("viewer@lodestar.test", Role.READ_ONLY, TokenScope.READ));
        acme = created(maya.post("/api/accounts", "{\"externalId\":\"P-ACME\",\"name\":\"Acme\",\"owner\":\"" + MAYA + "\"}"))
                .get("id").asLong();
        created(maya.post("/api/accounts/" + acme + "/subscriptions", """
                {"externalId": "ACME-1", "startDate": "2026-01-01", "endDate": "2027-01-01", "lineItems": [
                  {"plan": "growth", "module": "core", "seats": 50, "arr": 60000},
                  {"plan": "growth", "module": "analytics", "seats": 50, "arr": 10000, "endDate": "2026-12-01"},
                  {"plan": "growth", "module": "reports", "seats": 50, "arr": 20000.50, "startDate": "2026-11-01"}]}"""));
        created(maya.post("/api/accounts/" + acme + "/plans", """
                {"title": "Finance rollout", "startsOn": "2026-10-01", "outcomes": [
                  {"title": "Finance runs on Lodestar", "milestones": [
                    {"title": "Kickoff held", "dueOn": "2026-10-05", "status": "done", "evidence": "Kickoff deck signed off"},
                    {"title": "Reports live", "dueOn": "2026-11-30", "status": "done", "evidence": "12 reports in use"},
                    {"title": "Admins trained", "dueOn": "2026-12-15"},
                    {"title": "Month-end close in Lodestar", "ownerSide": "customer", "dueOn": "2027-01-31"}]}]}"""));
        clock.setDay(LocalDate.of(2027, 1, 5));
        ticket("T0", "low", "open", false, "2026-09-20T10:00:00Z", null);
        ticket("T1", "urgent", "solved", true, "2026-10-02T10:00:00Z", "2026-10-03T10:00:00Z");
        ticket("T2", "high", "solved", false, "2026-10-20T10:00:00Z", "2026-10-22T10:00:00Z");
        ticket("T3", "high", "open", false, "2026-11-05T10:00:00Z", null);
        ticket("T4", "normal", "solved", false, "2026-11-06T10:00:00Z", "2026-11-09T10:00:00Z");
        ticket("T5", "normal", "pending", false, "2026-12-20T10:00:00Z", null);
        created(maya.post("/api/accounts/" + acme + "/stakeholders",
                "{\"email\":\"dana@acme.example\",\"name\":\"Dana Reyes\",\"title\":\"CFO\",\"role\":\"economic-sponsor\"}"));
        for (int week = 0; week < 20; week++) {
            LocalDate day = LocalDate.of(2026, 8, 3).plusWeeks(week);
            jdbc.sql("insert into usage_day (account_id, on_date, events, active_users) values (?, ?, ?, ?)")
                    .params(acme, Date.valueOf(day), 300 + 10 * week, 14 + week / 2).update();
            jdbc.sql("insert into health_snapshot (account_id, as_of, taken_at, score, band, scorecard, version, cause, "
                    + "measures) values (?, ?, current_timestamp, ?, 'GREEN', 'standard', 'test', 'history', '[]')")
                    .params(acme, Date.valueOf(day), new BigDecimal(60 + week)).update();
        }
        jdbc.sql("insert into usage_feature_day (account_id, on_date, feature, module, events) values (?, ?, ?, ?, 5)")
                .params(acme, Date.valueOf(LocalDate.of(2026, 11, 2)), "dashboard viewed", "core").update();
        jdbc.sql("insert into usage_feature_day (account_id, on_date, feature, module, events) values (?, ?, ?, ?, 5)")
                .params(acme, Date.valueOf(LocalDate.of(2026, 12, 2)), "invoice sent", "billing").update();
    }

    private static tools.jackson.databind.JsonNode created(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private void ticket(String id, String priority, String status, boolean escalated, String createdAt, String solvedAt) {
        created(maya.post("/api/accounts/" + acme + "/tickets", "{\"externalId\":\"" + id + "\",\"subject\":\"Ticket " + id
                + "\",\"priority\":\"" + priority + "\",\"status\":\"" + status + "\",\"escalated\":" + escalated
                + ",\"createdAt\":\"" + createdAt + "\"" + (solvedAt == null ? "" : ",\"solvedAt\":\"" + solvedAt + "\"") + "}"));
    }

    private HttpResponse<byte[]> file(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + mayaToken).GET().build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        }
    }

    /** Each slide's text: text boxes in order, then table rows as "cell | cell". */
    private static List<String> slides(byte[] pptx) throws IOException {
        List<String> slides = new ArrayList<>();
        try (XMLSlideShow deck = new XMLSlideShow(new ByteArrayInputStream(pptx))) {
            assertThat(deck.getPageSize().getWidth() / deck.getPageSize().getHeight()).isEqualTo(16.0 / 9.0);
            for (XSLFSlide slide : deck.getSlides()) {
                StringBuilder text = new StringBuilder();
                for (XSLFShape shape : slide.getShapes()) {
                    if (shape instanceof XSLFTextShape box) {
                        text.append(box.getText()).append('\n');
                    } else if (shape instanceof XSLFTable table) {
                        for (XSLFTableRow row : table.getRows()) {
                            text.append(String.join(" | ", row.getCells().stream().map(XSLFTableCell::getText).toList()))
                                    .append('\n');
                        }
                    }
                }
                slides.add(text.toString());
            }
        }
        return slides;
    }

    private static String slide(List<String> slides, String title) {
        return slides.stream().filter(s -> s.startsWith(title + "\n")).findFirst().orElseThrow(() -> new AssertionError(
                "no slide titled " + title + " in " + slides));
    }

    private static BigDecimal dollars(String row) {
        String amount = row.substring(row.lastIndexOf('|') + 1).trim();
        return new BigDecimal(amount.replace("$", "").replace(",", ""));
    }

    @Test
    void theQbrDeckAndPdfShowTheHandComputedFiguresAndEveryTotalIsTheSumOfItsParts() throws Exception {
        assertThat(maya.put("/api/accounts/" + acme + "/reviews/qbr/2026Q4", ROI.formatted("150000")).status()).isEqualTo(200);

        HttpResponse<byte[]> pptx = file("/api/accounts/" + acme + "/reviews/qbr/2026Q4.pptx");
        assertThat(pptx.statusCode()).as(new String(pptx.body())).isEqualTo(200);
        assertThat(pptx.headers().firstValue("Content-Disposition").orElseThrow()).contains("P-ACME-qbr-2026Q4.pptx");
        List<String> slides = slides(pptx.body());
        Path out = Path.of("target", "review-packs");
        Files.createDirectories(out);
        Files.write(out.resolve("P-ACME-qbr-2026Q4.pptx"), pptx.body());

        assertThat(slides).allSatisfy(s -> assertThat(s).contains("Acme · QBR 2026 Q4"));
        String arr = slide(slides, "ARR and renewal");
        List<String> bridge = arr.lines().filter(l -> l.contains(" | $")).toList();
        assertThat(bridge).containsExactly("ARR at the start of 2026 Q4 | $70,000.00", "+ New | $0.00",
                "+ Expansion | $20,000.50", "+ Reactivation | $0.00", "− Contraction | $10,000.00", "− Churn | $0.00",
                "ARR at the end of 2026 Q4 | $80,000.50");
        assertThat(dollars(bridge.get(0)).add(dollars(bridge.get(1))).add(dollars(bridge.get(2))).add(dollars(bridge.get(3)))
                .subtract(dollars(bridge.get(4))).subtract(dollars(bridge.get(5)))).isEqualByComparingTo(dollars(bridge.get(6)));
        assertThat(arr).contains("Next renewal: ACME-1 on 1 Jan 2027, $80,000.50 ARR due.");
        assertThat(slide(slides, "Support")).contains("urgent | 1\nhigh | 2\nnormal | 2\nlow | 0\nTotal | 5",
                "Of these, 3 solved and 1 escalated. Open at 31 Dec 2026: 3.");
        assertThat(slide(slides, "Value delivered against the plan")).contains("Done | 2\nOpen | 2\nPlanned | 4",
                "Reports live | 15 Nov 2026 | 12 reports in use", "Kickoff held | 15 Nov 2026 | Kickoff deck signed off");
        assertThat(slide(slides, "Adoption by module")).contains("Used in the quarter | 1\nNot used | 1\nContracted | 2",
                "core | used", "reports | not used", "Used without a contract: billing");
        assertThat(slide(slides, "Value figures")).contains("Hours saved (2,000 h at 50) | 100,000 USD",
                "Fewer tickets | 50,000 USD", "ROI | 150,000 USD");
        assertThat(slide(slides, "Summary")).contains("$80,000.50", "2 of 4", "1 Jan 2027");
        assertThat(slide(slides, "Asks both ways")).contains("Month-end close in Lodestar (due 2027-01-31)",
                "Admins trained (due 2026-12-15)");
        assertThat(slide(slides, "Goals for 2027 Q1")).contains("Admins trained", "Month-end close in Lodestar");
        assertThat(slides).noneMatch(s -> s.startsWith("Sponsors"));

        HttpResponse<byte[]> pdf = file("/api/accounts/" + acme + "/reviews/qbr/2026Q4.pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/pdf");
        Files.write(out.resolve("P-ACME-qbr-2026Q4.pdf"), pdf.body());
        PdfReader reader = new PdfReader(pdf.body());
        assertThat(reader.getNumberOfPages()).isEqualTo(slides.size());
        StringBuilder text = new StringBuilder();
        PdfTextExtractor extractor = new PdfTextExtractor(reader);
        for (int page = 1; page <= reader.getNumberOfPages(); page++) {
            String pageText = extractor.getTextFromPage(page);
            assertThat(pageText).contains("Acme · QBR 2026 Q4");
            text.append(pageText).append('\n');
        }
        reader.close();
        assertThat(text.toString()).contains("$70,000.00", "$20,000.50", "$10,000.00", "$80,000.50", "Total 5",
                "Planned 4", "Contracted 2", "ROI 150,000 USD", "12 reports in use");
    }

    @Test
    void theEbrAddsTheMultiYearViewAndTheSponsors() throws Exception {
        HttpResponse<byte[]> pptx = file("/api/accounts/" + acme + "/reviews/ebr/2026Q4.pptx");
        assertThat(pptx.statusCode()).as(new String(pptx.body())).isEqualTo(200);
        Files.createDirectories(Path.of("target", "review-packs"));
        Files.write(Path.of("target", "review-packs", "P-ACME-ebr-2026Q4.pptx"), pptx.body());
        List<String> slides = slides(pptx.body());

        assertThat(slide(slides, "Sponsors")).contains("Dana Reyes | CFO | economic sponsor | active");
        assertThat(slide(slides, "The multi-year view")).contains("2026 | $0.00 | +$80,000.50 | $80,000.50");
        assertThat(slides).allSatisfy(s -> assertThat(s).contains("Acme · EBR 2026 Q4"));
        assertThat(slides).noneMatch(s -> s.startsWith("Value figures"));
    }

    @Test
    void aLongNarrativeIsSetSmallerOrCutToFitItsSlideSayingTheRestIsInTheDraft() throws Exception {
        String line = "The finance team closed the month in Lodestar for the first time, with every report reconciled. ";
        String summary = (line + line).repeat(1) + "\n" + String.join("\n", java.util.Collections.nCopies(12, line + line));
        String asks = String.join("\n", java.util.stream.IntStream.rangeClosed(1, 30).mapToObj(i -> "- Ask number " + i
                + ": name an owner for the rollout of the reporting module in region " + i).toList());
        ApiClient.Response saved = maya.put("/api/accounts/" + acme + "/reviews/qbr/2026Q4", ApiClient.json(
                java.util.Map.of("summary", summary, "customerAsks", asks)));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);

        HttpResponse<byte[]> pptx = file("/api/accounts/" + acme + "/reviews/qbr/2026Q4.pptx");
        assertThat(pptx.statusCode()).isEqualTo(200);
        Files.createDirectories(Path.of("target", "review-packs"));
        Files.write(Path.of("target", "review-packs", "P-ACME-qbr-2026Q4-long.pptx"), pptx.body());
        List<String> slides = slides(pptx.body());
        assertThat(slide(slides, "Summary")).contains("… and 5 more lines in the draft");
        assertThat(slide(slides, "Asks both ways")).contains("Ask number 1:", "… and 22 more lines in the draft");
        HttpResponse<byte[]> pdf = file("/api/accounts/" + acme + "/reviews/qbr/2026Q4.pdf");
        assertThat(new PdfReader(pdf.body()).getNumberOfPages()).isEqualTo(slides.size());
    }

    @Test
    void aStatedFigureThatDoesNotMatchItsPartsRefusesTheFilesNamingTheFigureItsValueAndTheSum() throws Exception {
        assertThat(maya.put("/api/accounts/" + acme + "/reviews/qbr/2026Q4", ROI.formatted("160000")).status()).isEqualTo(200);

        ApiClient.Response refused = maya.get("/api/accounts/" + acme + "/reviews/qbr/2026Q4.pdf");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("detail").asString()).isEqualTo("The pack is not rendered: ROI: stated 160000 USD, "
                + "but its parts sum to 150000 (Hours saved (2,000 h at 50) 100000 + Fewer tickets 50000)");
        assertThat(refused.json().get("mismatches").get(0).get("figure").asString()).isEqualTo("ROI");
        assertThat(refused.json().get("mismatches").get(0).get("sum").decimalValue()).isEqualByComparingTo("150000");
        assertThat(maya.get("/api/accounts/" + acme + "/reviews/qbr/2026Q4.pptx").status()).isEqualTo(422);
    }

    @Test
    void theDraftStartsFromTheDataIsSavedWithAuditAndReadOnlyUsersCannotChangeIt() {
        tools.jackson.databind.JsonNode fresh = maya.get("/api/accounts/" + acme + "/reviews/qbr/2026Q4").json();
        assertThat(fresh.get("id").isNull()).isTrue();
        assertThat(fresh.get("narrative").get("summary").asString()).isEqualTo("Acme completed 2 plan milestones in 2026 Q4 "
                + "(2 of 4 overall). ARR went from $70,000 to $80,000.50. Next renewal on 2027-01-01 for $80,000.50. Health score 79.0.");
        assertThat(fresh.get("narrative").get("customerAsks").asString()).isEqualTo("- Month-end close in Lodestar (due 2027-01-31)");

        assertThat(viewer.put("/api/accounts/" + acme + "/reviews/qbr/2026Q4", "{\"summary\":\"x\"}").status()).isEqualTo(403);
        ApiClient.Response saved = maya.put("/api/accounts/" + acme + "/reviews/qbr/2026Q4",
                "{\"summary\":\"A strong quarter.\",\"figures\":[{\"label\":\"Hours saved\",\"unit\":\"hours\",\"stated\":300,"
                        + "\"parts\":[{\"label\":\"Finance\",\"value\":200},{\"label\":\"Ops\",\"value\":100}]}]}");
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.json().get("narrative").get("summary").asString()).isEqualTo("A strong quarter.");
        assertThat(saved.json().get("narrative").get("customerAsks").asString()).as("kept when not given")
                .isEqualTo("- Month-end close in Lodestar (due 2027-01-31)");
        assertThat(viewer.get("/api/accounts/" + acme + "/reviews/qbr/2026Q4").json().get("figures").get(0).get("parts")
                .get(1).get("value").decimalValue()).isEqualByComparingTo("100");
        List<AuditEvent> entries = audit.find(new AuditQuery("review-draft", null, null, null, null, 10));
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.summary()).isEqualTo("Started the QBR 2026 Q4 draft of Acme");
            assertThat(e.actorName()).contains(MAYA);
        });
    }

    @Test
    void aPlaybookOpensTheDraftOnceSavedFromTheData() {
        ReviewDraft opened = drafts.openOrCreate(acme, ReviewKind.QBR, new Quarter(2026, 4));
        assertThat(opened.saved()).isTrue();
        assertThat(opened.narrative().ourAsks()).isEqualTo("- Admins trained (due 2026-12-15)");
        assertThat(drafts.openOrCreate(acme, ReviewKind.QBR, new Quarter(2026, 4)).id()).isEqualTo(opened.id());
        assertThat(audit.find(new AuditQuery("review-draft", null, null, null, null, 10))).extracting(AuditEvent::summary)
                .containsExactly("Started the QBR 2026 Q4 draft of Acme");
    }

    @Test
    void aQuarterOrKindNotWrittenAsExpectedOrAFigureWithoutPartsIsAClearError() {
        ApiClient.Response quarter = maya.get("/api/accounts/" + acme + "/reviews/qbr/2026Q5.pdf");
        assertThat(quarter.status()).isEqualTo(400);
        assertThat(quarter.body()).contains("\"field\":\"quarter\"", "expected a quarter such as 2026Q4 (year, Q, 1 to 4), got '2026Q5'");
        ApiClient.Response kind = maya.get("/api/accounts/" + acme + "/reviews/abr/2026Q4");
        assertThat(kind.status()).isEqualTo(400);
        assertThat(kind.body()).contains("\"field\":\"kind\"", "qbr, ebr");
        ApiClient.Response future = maya.get("/api/accounts/" + acme + "/reviews/qbr/2027Q2");
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.body()).contains("expected a quarter that has started (up to 2027Q1), got 2027Q2");
        ApiClient.Response noParts = maya.put("/api/accounts/" + acme + "/reviews/qbr/2026Q4",
                "{\"figures\":[{\"label\":\"ROI\",\"unit\":\"USD\",\"stated\":10,\"parts\":[]}]}");
        assertThat(noParts.status()).isEqualTo(400);
        assertThat(noParts.body()).contains("\"field\":\"figures[0].parts\"");
        assertThat(maya.get("/api/accounts/" + acme + "/reviews/qbr/2026Q4").json().get("id").isNull()).isTrue();
    }
}
