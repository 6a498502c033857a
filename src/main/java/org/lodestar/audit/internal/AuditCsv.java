package org.lodestar.audit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.lodestar.audit.AuditEvent;
import org.lodestar.infrastructure.CsvCells;

/** The audit log as CSV, one change per row, states as JSON cells. */
public final class AuditCsv {

    private AuditCsv() {
    }

    static void write(List<AuditEvent> events, Writer out) {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader("id", "occurred_at", "actor_kind", "actor",
                "action", "entity_type", "entity_id", "summary", "before", "after").get();
        try (CSVPrinter printer = new CSVPrinter(out, format)) {
            for (AuditEvent e : events) {
                printer.printRecord(e.id(), e.occurredAt(), e.actorKind().name().toLowerCase(), CsvCells.safe(e.actorName()),
                        e.action(), e.entityType(), e.entityId(), CsvCells.safe(e.summary()), CsvCells.safe(e.before()), CsvCells.safe(e.after()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
