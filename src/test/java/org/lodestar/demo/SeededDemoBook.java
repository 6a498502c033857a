package org.lodestar.demo;

import java.util.List;

import org.lodestar.Book;
import org.lodestar.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The seed-42 demo book for the slow tests that read it (DemoBookTest, ChurnModelDemoBookTest, ApiExamplesTest): a
 * generation takes half a minute or more, so the book one of them generated serves the next, unless anything in the
 * book changed since. The test database is shared by every application context of the test JVM ({@link TestDatabase}),
 * so what was generated is remembered for the JVM, not for one context ({@link #generatedInThisJvm}), and the check is
 * on the book's own rows, not on which test ran last.
 */
@Component
public class SeededDemoBook {

    public static final long SEED = 42;
    public static final String PASSWORD = "demo-password-1";

    /** What a change to the book would change: its rows, its ARR and the accounts' last update. */
    private static final List<String> FINGERPRINT = List.of(
            "select count(*), sum(arr), max(updated_at) from account", "select count(*), sum(arr) from line_item",
            "select count(*) from subscription", "select count(*) from stakeholder", "select count(*) from timeline_entry",
            "select count(*) from support_ticket", "select count(*) from survey_response", "select count(*) from invoice",
            "select count(*) from tracked_event", "select count(*) from usage_day");

    private final Book book;
    private final DemoBook demo;
    private final JdbcClient jdbc;

    /**
     * The book last generated in this test JVM, by whichever context's instance; null before the first generation and
     * while one runs. Static on purpose: each application context has its own SeededDemoBook, but all of them read and
     * write the one test database. Guarded by {@code SeededDemoBook.class}.
     */
    private static Generated generatedInThisJvm;

    /** A generated book: what the generation said, and the fingerprint of the book's rows just after it. */
    private record Generated(DemoSummary summary, List<String> fingerprint) {
    }

    SeededDemoBook(Book book, DemoBook demo, JdbcClient jdbc) {
        this.book = book;
        this.demo = demo;
        this.jdbc = jdbc;
    }

    /** The seed-42 book in the database, generated into an emptied book unless the last one is there as it was made. */
    public DemoSummary get() {
        synchronized (SeededDemoBook.class) {
            if (generatedInThisJvm == null || !fingerprint().equals(generatedInThisJvm.fingerprint())) {
                return regenerate();
            }
            return generatedInThisJvm.summary();
        }
    }

    /** Empties the book and generates the seed-42 book again, whatever is there. */
    public DemoSummary regenerate() {
        synchronized (SeededDemoBook.class) {
            generatedInThisJvm = null;
            book.empty();
            DemoSummary generated = demo.generate(SEED, PASSWORD, line -> { });
            generatedInThisJvm = new Generated(generated, fingerprint());
            return generated;
        }
    }

    private List<String> fingerprint() {
        return FINGERPRINT.stream().map(sql -> jdbc.sql(sql).query((row, n) -> {
            StringBuilder values = new StringBuilder();
            for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
                values.append(row.getString(column)).append(' ');
            }
            return values.toString();
        }).single()).toList();
    }
}
