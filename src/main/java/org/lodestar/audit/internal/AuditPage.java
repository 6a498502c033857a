package org.lodestar.audit.internal;

import java.io.IOException;
import java.time.LocalDate;

import org.lodestar.audit.AuditLog;
import org.lodestar.audit.AuditQuery;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/** The audit page: filters, before/after of each change, CSV export of what is filtered. */
@Controller
class AuditPage {

    private static final int LIMIT = 500;

    private final AuditLog audit;

    AuditPage(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/audit")
    String page(@RequestParam(required = false) String entityType, @RequestParam(required = false) String entityId,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, Model model) {
        model.addAttribute("events", audit.find(AuditApi.query(entityType, entityId, actor, from, to, LIMIT)));
        model.addAttribute("limit", LIMIT);
        model.addAttribute("entityTypes", audit.entityTypes());
        model.addAttribute("entityType", entityType);
        model.addAttribute("entityId", entityId);
        model.addAttribute("actor", actor);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        UriComponentsBuilder export = UriComponentsBuilder.fromPath("/audit/export.csv");
        addIfPresent(export, "entityType", entityType);
        addIfPresent(export, "entityId", entityId);
        addIfPresent(export, "actor", actor);
        addIfPresent(export, "from", from == null ? null : from.toString());
        addIfPresent(export, "to", to == null ? null : to.toString());
        model.addAttribute("exportLink", export.encode().build().toUriString());
        return "audit";
    }

    @GetMapping("/audit/export.csv")
    void export(@RequestParam(required = false) String entityType, @RequestParam(required = false) String entityId,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            HttpServletResponse response) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"lodestar-audit.csv\"");
        AuditCsv.write(audit.find(AuditApi.query(entityType, entityId, actor, from, to, AuditQuery.MAX_LIMIT)),
                response.getWriter());
    }

    private static void addIfPresent(UriComponentsBuilder uri, String name, String value) {
        if (value != null && !value.isBlank()) {
            uri.queryParam(name, value);
        }
    }
}
