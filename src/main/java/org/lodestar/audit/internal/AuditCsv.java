package org.lodestar.audit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.lodestar.audit.AuditEvent;
import org.lodestar.infrastructure.CsvCells;

/** The audit log as CSV, one change per row, states as JSON cells. */
public final class AuditCsv {

    private AuditCsv() {
    }

    /** Writes the events {@code source} hands over, each as it comes. */
    static void write(Consumer<Consumer<AuditEvent>> source, Writer out) {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader("id", "occurred_at", "actor_kind", "actor",
                "action", "entity_type", "entity_id", "summary", "before", "after").get();
        try (CSVPrinter printer = new CSVPrinter(out, format)) {
            source.accept(e -> {
                try {
                    printer.printRecord(e.id(), e.occurredAt(), e.actorKind().name().toLowerCase(), CsvCells.safe(e.actorName()),
                            e.action(), e.entityType(), e.entityId(), CsvCells.safe(e.summary()), CsvCells.safe(e.before()),
                            CsvCells.safe(e.after()));
                } catch (IOException failed) {
                    throw new UncheckedIOException(failed);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
