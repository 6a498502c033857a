package org.lodestar.hygiene;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.lodestar.audit.Actor;
import org.lodestar.audit.AuditLog;
import org.lodestar.hygiene.internal.StatedTable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Imported tables of stated figures (a monthly metrics report with totals and growth percentages), kept as imported
 * under their file name: importing a file of the same name again replaces it. The data hygiene report recomputes them.
 */
@Repository
public class MetricTables {

    /** One stored table. */
    public record MetricTable(String name, String content, LocalDate importedOn) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    MetricTables(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** What is wrong with the file as a table of figures (each names its line); empty when it can be kept. */
    public static List<String> problems(byte[] content) {
        return StatedTable.problems(new String(content, StandardCharsets.UTF_8));
    }

    /** Keeps the table under its name, replacing one of the same name; whether it was new. Audited as {@code by}. */
    public boolean keep(String name, byte[] content, Actor by) {
        String text = new String(content, StandardCharsets.UTF_8);
        String who = by.toString().length() > 400 ? by.toString().substring(0, 400) : by.toString();
        OffsetDateTime now = OffsetDateTime.now(clock);
        int updated = jdbc.sql("update metric_table set content = ?, imported_at = ?, imported_by = ? where name = ?")
                .params(text, now, who, name).update();
        if (updated == 0) {
            jdbc.sql("insert into metric_table (name, content, imported_at, imported_by) values (?, ?, ?, ?)")
                    .params(name, text, now, who).update();
            audit.created("metric-table", name, "Imported metrics table " + name, null);
            return true;
        }
        audit.updated("metric-table", name, "Re-imported metrics table " + name, null, null);
        return false;
    }

    public List<MetricTable> all() {
        return jdbc.sql("select name, content, imported_at from metric_table order by name").query((rs, n) -> new MetricTable(
                rs.getString(1), rs.getString(2),
                rs.getObject(3, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate())).list();
    }
}
