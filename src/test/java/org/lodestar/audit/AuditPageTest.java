package org.lodestar.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lodestar.Book;
import org.lodestar.FormSession;
import org.lodestar.LodestarTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The audit page in pages of fifty: 120 changes by one actor and 5 by another read back newest first, page by page,
 * without a gap or a repeat, filters kept on every link, and a stale link lands on the newest page.
 */
@LodestarTest
class AuditPageTest {

    private static final Pattern SUMMARY = Pattern.compile("<span>(Change no\\. \\d+)</span>");
    private static final Pattern OLDER = Pattern.compile("href=\"(/audit\\?[^\"]*older=\\d+)\" id=\"audit-older\"");
    private static final Pattern NEWER = Pattern.compile("href=\"(/audit\\?[^\"]*newer=\\d+)\" id=\"audit-newer\"");

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    AuditLog audit;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JdbcTemplate template;
    FormSession admin;

    @BeforeEach
    void setUp() {
        book.empty();
        jdbc.sql("delete from audit_event").update();
        Actors.runAs(Actor.user("pager@lodestar.test"), () -> {
            for (int i = 1; i <= 120; i++) {
                audit.record("update", "account", i, "Change no. " + i, null, Map.of("n", i));
            }
        });
        Actors.runAs(Actor.user("other@lodestar.test"), () -> {
            for (int i = 1; i <= 5; i++) {
                audit.record("update", "task", i, "Other no. " + i, null, Map.of("n", i));
            }
        });
        admin = new FormSession(port);
        admin.signIn(LodestarTest.ADMIN_EMAIL, LodestarTest.ADMIN_PASSWORD);
    }

    @Test
    void pagesOfFiftyWalkTheWholeFilteredLogOnceInEachDirection() {
        String first = get("/audit?actor=pager");
        assertThat(first).contains("id=\"audit-matching\">120<").doesNotContain("Other no.").doesNotContain("id=\"audit-newer\"");
        assertThat(summaries(first)).hasSize(50).startsWith("Change no. 120").endsWith("Change no. 71");

        String second = get(link(OLDER, first));
        assertThat(link(OLDER, first)).contains("actor=pager");
        assertThat(summaries(second)).hasSize(50).startsWith("Change no. 70").endsWith("Change no. 21");
        String third = get(link(OLDER, second));
        assertThat(summaries(third)).hasSize(20).startsWith("Change no. 20").endsWith("Change no. 1");
        assertThat(third).doesNotContain("id=\"audit-older\"").contains("id=\"audit-newest\"");

        assertThat(summaries(get(link(NEWER, third)))).as("back one page").isEqualTo(summaries(second));
        assertThat(summaries(get(link(NEWER, second)))).isEqualTo(summaries(first));
    }

    @Test
    void aLinkPastEitherEndShowsTheNewestPageAndTheExportKeepsTheFilters() {
        assertThat(summaries(get("/audit?actor=pager&older=1"))).startsWith("Change no. 120");
        String page = get("/audit?actor=pager&entityType=account");
        assertThat(page).contains("href=\"/audit/export.csv?entityType=account&amp;actor=pager\"");
        String unfiltered = get("/audit");
        assertThat(unfiltered).contains("id=\"audit-matching\">125<", "Other no. 5");
        assertThat(summaries(unfiltered)).as("the other actor's five are newest").hasSize(45).startsWith("Change no. 120");
    }

    /**
     * The export is every entry that matches, past the API's cap of 10,000: 10,050 more by a bulk importer (written
     * directly, as a long-running book accrues them) come out with the 120 of the filter, newest first, once each.
     */
    @Test
    void theExportStreamsEveryEntryThatMatchesHoweverMany() throws IOException {
        Timestamp at = Timestamp.from(Instant.parse("2026-01-01T00:00:00Z"));
        List<Object[]> rows = new ArrayList<>();
        for (int i = 1; i <= 10_050; i++) {
            rows.add(new Object[] { at, "USER", "bulk@lodestar.test", "create", "account", String.valueOf(i), "Bulk no. " + i });
        }
        template.batchUpdate("insert into audit_event (occurred_at, actor_kind, actor_name, action, entity_type, entity_id, "
                + "summary) values (?, ?, ?, ?, ?, ?, ?)", rows);

        List<CSVRecord> bulk = csv(get("/audit/export.csv?actor=bulk"));
        assertThat(bulk).hasSize(10_050);
        assertThat(bulk.getFirst().get("summary")).isEqualTo("Bulk no. 10050");
        assertThat(bulk.getLast().get("summary")).isEqualTo("Bulk no. 1");
        assertThat(bulk.stream().map(r -> r.get("id")).distinct()).hasSize(10_050);
        assertThat(csv(get("/audit/export.csv"))).hasSize(10_050 + 125);
        assertThat(csv(get("/audit/export.csv?actor=pager"))).hasSize(120);
    }

    private static List<CSVRecord> csv(String text) throws IOException {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(text)).getRecords();
    }

    private String get(String path) {
        return admin.send("GET", path.replace("&amp;", "&"), Map.of()).body();
    }

    private static String link(Pattern pattern, String page) {
        Matcher matcher = pattern.matcher(page);
        assertThat(matcher.find()).as("a link matching " + pattern).isTrue();
        return matcher.group(1);
    }

    private static List<String> summaries(String page) {
        List<String> found = new ArrayList<>();
        Matcher matcher = SUMMARY.matcher(page);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
