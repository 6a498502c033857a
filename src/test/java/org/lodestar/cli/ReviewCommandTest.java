package org.lodestar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFShape;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTable;
import org.apache.poi.xslf.usermodel.XSLFTableCell;
import org.apache.poi.xslf.usermodel.XSLFTableRow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.lodestar.TestDatabase;
import org.lodestar.accounts.Accounts;
import org.lodestar.reviews.DraftEdit;
import org.lodestar.reviews.Quarter;
import org.lodestar.reviews.ReviewDrafts;
import org.lodestar.reviews.ReviewKind;
import org.lodestar.reviews.StatedFigure;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code ./lodestar review} as a person runs it, for last quarter (the command reads today's date): an account with one
 * contract of 24,000 ARR since 2020 gets a pack whose ARR bridge is 24,000 at both ends; once its draft states hours
 * saved of 500 made of 200 and 250, the command refuses with exit status 3, names the figure, and writes nothing.
 */
@Tag("slow")
@ExtendWith(org.lodestar.DatabaseAvailable.class)
class ReviewCommandTest {

    @TempDir
    static Path folder;
    static List<String> database;

    @BeforeAll
    static void chooseDatabase() {
        database = TestDatabase.postgres() ? List.of("--db-url", TestDatabase.url())
                : List.of("--data", folder.resolve("data").toString());
    }

    static CommandLineTest.Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(database);
        return CommandLineTest.execute(all.toArray(String[]::new));
    }

    private static List<String> tableRows(Path pptx) throws IOException {
        List<String> rows = new ArrayList<>();
        try (InputStream in = Files.newInputStream(pptx); XMLSlideShow deck = new XMLSlideShow(in)) {
            for (XSLFSlide slide : deck.getSlides()) {
                for (XSLFShape shape : slide.getShapes()) {
                    if (shape instanceof XSLFTable table) {
                        for (XSLFTableRow row : table.getRows()) {
                            rows.add(String.join(" | ", row.getCells().stream().map(XSLFTableCell::getText).toList()));
                        }
                    }
                }
            }
        }
        return rows;
    }

    @Test
    void writesTheDeckAndThePdfAndRefusesAPackWhoseStatedFigureDoesNotAddUp() throws IOException {
        Path accounts = folder.resolve("accounts.csv");
        Files.writeString(accounts, "external_id,name\nREVIEW-CLI-1,Review Co\n");
        Path contracts = folder.resolve("subscriptions.csv");
        Files.writeString(contracts, "subscription_id,account_external_id,plan,seats,arr,start_date,end_date\n"
                + "REVIEW-CLI-S1,REVIEW-CLI-1,growth,10,24000,2020-01-01,2099-01-01\n");
        assertThat(run("import", "accounts", accounts.toString()).status()).isZero();
        assertThat(run("import", "subscriptions", contracts.toString()).status()).isZero();
        Quarter last = Quarter.of(LocalDate.now()).previous();
        Path out = folder.resolve("packs");

        CommandLineTest.Run written = run("review", "REVIEW-CLI-1", "--kind", "qbr", "--quarter", last.toString(), "--out",
                out.toString());
        assertThat(written.status()).as(written.out()).isZero();
        Path pptx = out.resolve("REVIEW-CLI-1-qbr-" + last + ".pptx");
        Path pdf = out.resolve("REVIEW-CLI-1-qbr-" + last + ".pdf");
        assertThat(written.out()).contains("Wrote " + pptx, "and " + pdf, "every total checked against its parts");
        assertThat(Files.readString(pdf, java.nio.charset.StandardCharsets.ISO_8859_1)).startsWith("%PDF-");
        assertThat(tableRows(pptx)).contains("ARR at the start of " + last.label() + " | $24,000",
                "ARR at the end of " + last.label() + " | $24,000", "Total | 0");
        Files.delete(pptx);
        Files.delete(pdf);

        DatabaseOptions options = new DatabaseOptions();
        options.data = TestDatabase.postgres() ? null : folder.resolve("data");
        options.dbUrl = TestDatabase.postgres() ? TestDatabase.url() : null;
        try (ConfigurableApplicationContext context = Instance.tool(options)) {
            long id = context.getBean(Accounts.class).findByExternalId("REVIEW-CLI-1").orElseThrow().id();
            context.getBean(ReviewDrafts.class).save(id, ReviewKind.QBR, last, new DraftEdit(null, null, null, null,
                    List.of(new StatedFigure("Hours saved", "hours", new BigDecimal("500"), List.of(
                            new StatedFigure.Part("Finance", new BigDecimal("200")),
                            new StatedFigure.Part("Ops", new BigDecimal("250")))))));
        }
        CommandLineTest.Run refused = run("review", "REVIEW-CLI-1", "--quarter", last.toString(), "--out", out.toString());
        assertThat(refused.status()).isEqualTo(3);
        assertThat(refused.out()).contains("is not written: totals do not match their parts",
                "Hours saved: stated 500 hours, but its parts sum to 450 (Finance 200 + Ops 250)");
        assertThat(Files.exists(pptx)).isFalse();

        CommandLineTest.Run badQuarter = run("review", "REVIEW-CLI-1", "--quarter", "Q4-2026");
        assertThat(badQuarter.status()).isEqualTo(2);
        assertThat(badQuarter.out()).contains("--quarter: expected a quarter such as 2026Q4 (year, Q, 1 to 4), got 'Q4-2026'");
        CommandLineTest.Run unknown = run("review", "NO-SUCH", "--quarter", last.toString());
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.out()).contains("no account with the external id 'NO-SUCH'");
    }
}
