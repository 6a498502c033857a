package org.lodestar.audit.internal;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.lodestar.audit.AuditEvent;
import org.lodestar.audit.AuditLog;
import org.lodestar.audit.AuditQuery;
import org.lodestar.infrastructure.Paging;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The audit log over HTTP, as JSON or CSV. */
@RestController
@Tag(name = "Audit", description = "Who changed what, with before and after")
class AuditApi {

    private final AuditLog audit;

    AuditApi(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/api/audit")
    @Operation(summary = "Read the audit log, newest first", description = "Filter by entity type and id, by actor "
            + "(part of the name) and by dates from and to, both inclusive (UTC).")
    List<AuditEvent> list(@RequestParam(required = false) String entityType,
            @RequestParam(required = false) String entityId, @RequestParam(required = false) String actor,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "500") int limit) {
        return audit.find(query(entityType, entityId, actor, from, to, Paging.limit(limit, AuditQuery.MAX_LIMIT)));
    }

    @GetMapping(value = "/api/audit/export", produces = "text/csv")
    @Operation(summary = "Export the audit log as CSV", description = "Same filters as the list.")
    void export(@RequestParam(required = false) String entityType, @RequestParam(required = false) String entityId,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            HttpServletResponse response) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"lodestar-audit.csv\"");
        AuditQuery query = query(entityType, entityId, actor, from, to, AuditQuery.MAX_LIMIT);
        AuditCsv.write(each -> audit.each(query, each), response.getWriter());
    }

    static AuditQuery query(String entityType, String entityId, String actor, LocalDate from, LocalDate to, int limit) {
        return new AuditQuery(blank(entityType), blank(entityId), blank(actor),
                from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), limit);
    }

    private static String blank(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
