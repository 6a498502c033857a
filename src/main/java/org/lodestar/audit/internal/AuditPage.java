package org.lodestar.audit.internal;

import java.io.IOException;
import java.time.LocalDate;

import java.util.List;

import org.lodestar.audit.AuditEvent;
import org.lodestar.audit.AuditLog;
import org.lodestar.audit.AuditQuery;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/** The audit page: filters, before/after of each change, fifty to a page, CSV export of all that is filtered, streamed. */
@Controller
class AuditPage {

    /** Entries to a page: each carries its before and after, so a page of 50 stays quick to load and read. */
    static final int PAGE_SIZE = 50;

    private final AuditLog audit;

    AuditPage(AuditLog audit) {
        this.audit = audit;
    }

    /** {@code older} and {@code newer} are the ids a pager link carries: the page after or before the one shown. */
    @GetMapping("/audit")
    String page(@RequestParam(required = false) String entityType, @RequestParam(required = false) String entityId,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) Long older, @RequestParam(required = false) Long newer, Model model) {
        AuditQuery query = AuditApi.query(entityType, entityId, actor, from, to, PAGE_SIZE);
        List<AuditEvent> events = audit.page(query, older, newer);
        if (events.isEmpty() && (older != null || newer != null)) {
            // A pager link past either end (the entries it pointed at are gone): the newest page.
            events = audit.page(query, null, null);
        }
        model.addAttribute("events", events);
        model.addAttribute("matching", audit.count(query));
        model.addAttribute("entityTypes", audit.entityTypes());
        model.addAttribute("entityType", entityType);
        model.addAttribute("entityId", entityId);
        model.addAttribute("actor", actor);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        UriComponentsBuilder filters = UriComponentsBuilder.fromPath("/audit");
        addIfPresent(filters, "entityType", entityType);
        addIfPresent(filters, "entityId", entityId);
        addIfPresent(filters, "actor", actor);
        addIfPresent(filters, "from", from == null ? null : from.toString());
        addIfPresent(filters, "to", to == null ? null : to.toString());
        if (!events.isEmpty()) {
            long newest = events.getFirst().id();
            long oldest = events.getLast().id();
            if (audit.anyBeyond(query, newest, false)) {
                model.addAttribute("newerLink", filters.cloneBuilder().queryParam("newer", newest).encode().build().toUriString());
                model.addAttribute("newestLink", filters.cloneBuilder().encode().build().toUriString());
            }
            if (audit.anyBeyond(query, oldest, true)) {
                model.addAttribute("olderLink", filters.cloneBuilder().queryParam("older", oldest).encode().build().toUriString());
            }
        }
        model.addAttribute("exportLink", filters.cloneBuilder().replacePath("/audit/export.csv").encode().build().toUriString());
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
        // Every entry that matches, streamed: the export is not capped as a page or an API answer is.
        AuditQuery query = AuditApi.query(entityType, entityId, actor, from, to, AuditQuery.MAX_LIMIT);
        AuditCsv.write(each -> audit.each(query, each), response.getWriter());
    }

    private static void addIfPresent(UriComponentsBuilder uri, String name, String value) {
        if (value != null && !value.isBlank()) {
            uri.queryParam(name, value);
        }
    }
}
