package org.lodestar.feedback.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lodestar.accounts.Account;
import org.lodestar.accounts.Accounts;
import org.lodestar.accounts.Stakeholders;
import org.lodestar.accounts.Timeline;
import org.lodestar.errors.Conflict;
import org.lodestar.errors.InvalidInput;
import org.lodestar.errors.NotFound;
import org.lodestar.feedback.AskDraft;
import org.lodestar.feedback.AskSource;
import org.lodestar.feedback.DemandRanking;
import org.lodestar.feedback.DemandSort;
import org.lodestar.feedback.FeatureRequests;
import org.lodestar.feedback.ProductRequest;
import org.lodestar.feedback.RequestStatus;
import org.lodestar.outreach.DeliveryFailed;
import org.lodestar.outreach.OutreachRefused;
import org.lodestar.support.SupportTickets;
import org.lodestar.support.Ticket;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import tools.jackson.databind.json.JsonMapper;

/**
 * The feature-request pages: the ranking with its chart, one request with its asks, status, merge and the emails to
 * send once it shipped; the account page's card of its asks with an "Add a request" form; and the form a ticket or a
 * timeline note opens to tag it as a request. Changes need the write permission (the security configuration refuses
 * the rest with 403; the pages show them no forms).
 */
@Controller
class FeatureRequestPages {

    /** The chart shows the top requests; the table lists them all. */
    private static final int CHARTED = 15;

    private final FeatureRequests requests;
    private final Accounts accounts;
    private final Stakeholders stakeholders;
    private final SupportTickets tickets;
    private final Timeline timeline;
    private final JsonMapper json;

    FeatureRequestPages(FeatureRequests requests, Accounts accounts, Stakeholders stakeholders, SupportTickets tickets,
            Timeline timeline, JsonMapper json) {
        this.requests = requests;
        this.accounts = accounts;
        this.stakeholders = stakeholders;
        this.tickets = tickets;
        this.timeline = timeline;
        this.json = json;
    }

    @GetMapping("/feature-requests")
    String ranking(@RequestParam(required = false) String sort, @RequestParam(required = false) String status,
            @RequestParam(required = false) String segment, Model model) {
        DemandSort by = DemandSort.ARR;
        RequestStatus only = null;
        try {
            by = FeatureRequestsApi.sort(sort);
            only = FeatureRequestsApi.status(status);
        } catch (InvalidInput e) {
            model.addAttribute("errors", e.named(Map.of()));
        }
        String seg = segment == null || segment.isBlank() ? null : segment.trim();
        List<DemandRanking.Ranked> ranked = requests.ranking(only, seg, by);
        model.addAttribute("ranked", ranked);
        model.addAttribute("sort", by.label());
        model.addAttribute("status", only == null ? "" : only.label());
        model.addAttribute("segment", seg == null ? "" : seg);
        model.addAttribute("sorts", List.of(DemandSort.values()));
        model.addAttribute("statuses", List.of(RequestStatus.values()));
        model.addAttribute("segments", accounts.segmentNames());
        Map<Long, BigDecimal> askingArr = new HashMap<>();
        ranked.forEach(r -> r.askingAccounts().forEach(a -> askingArr.put(a.id(), a.arr())));
        model.addAttribute("askingAccounts", askingArr.size());
        model.addAttribute("askingArr", askingArr.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add));
        model.addAttribute("exportQuery", "?sort=" + by.label() + (only == null ? "" : "&status=" + only.label())
                + (seg == null ? "" : "&segment=" + seg));
        List<DemandRanking.Ranked> top = ranked.subList(0, Math.min(CHARTED, ranked.size()));
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("labels", top.stream().map(DemandRanking.Ranked::title).toList());
        chart.put("unit", "$");
        chart.put("horizontal", true);
        chart.put("stacked", true);
        chart.put("datasets", List.of(
                Map.of("label", "ARR at risk", "data", top.stream().map(DemandRanking.Ranked::arrAtRisk).toList(),
                        "color", "#c73e1d"),
                Map.of("label", "ARR not at risk", "data", top.stream().map(DemandRanking.Ranked::arrNotAtRisk).toList(),
                        "color", "#1f4e79")));
        model.addAttribute("chart", json.writeValueAsString(chart));
        // The canvas keeps its width to height ratio: a few bars need a short chart, fifteen a tall one.
        model.addAttribute("chartHeight", Math.min(260, 50 + 20 * top.size()));
        return "feature-requests";
    }

    @GetMapping("/feature-requests/{id}")
    String request(@PathVariable long id, Model model) {
        ProductRequest request = requests.get(id);
        model.addAttribute("request", request);
        model.addAttribute("mergedInto", request.mergedInto() == null ? null : requests.get(request.mergedInto()));
        model.addAttribute("figures", requests.figures(id));
        model.addAttribute("asks", requests.asks(id));
        model.addAttribute("notices", requests.notices(id));
        model.addAttribute("statuses", List.of(RequestStatus.values()));
        model.addAttribute("others", requests.open().stream().filter(r -> r.id() != id).toList());
        model.addAttribute("similar", requests.similar(request.title(), id));
        return "feature-request";
    }

    @PostMapping("/feature-requests/{id}/status")
    String status(@PathVariable long id, @RequestParam(required = false) String status, Model model) {
        return act(id, model, "Status saved.", () -> requests.update(id, new FeatureRequests.RequestChange(null, null,
                FeatureRequestsApi.status(status))));
    }

    @PostMapping("/feature-requests/{id}/merge")
    String merge(@PathVariable long id, @RequestParam(required = false) Long into, Model model) {
        if (into == null) {
            model.addAttribute("errors", List.of("into: choose the request to keep"));
            return request(id, model);
        }
        try {
            requests.merge(id, into);
        } catch (InvalidInput e) {
            model.addAttribute("errors", e.named(Map.of()));
            return request(id, model);
        } catch (Conflict e) {
            model.addAttribute("errors", List.of(e.getMessage()));
            return request(id, model);
        }
        model.addAttribute("notice", "Merged: its asks are here now.");
        return request(into, model);
    }

    @PostMapping("/feature-requests/{id}/notices/{accountId}/send")
    String send(@PathVariable long id, @PathVariable long accountId, Model model) {
        return act(id, model, "Email sent.", () -> requests.sendNotice(id, accountId));
    }

    /** Requests alike to the title being typed: shown under the "Add a request" form. */
    @GetMapping("/feature-requests/similar")
    String similar(@RequestParam(required = false) String title, Model model) {
        model.addAttribute("similar", title == null || title.isBlank() ? List.of() : requests.similar(title, null));
        return "feature-request-parts :: similar";
    }

    // ---- the account page's card

    @GetMapping("/accounts/{id}/feature-requests")
    String panel(@PathVariable long id, Model model) {
        model.addAttribute("accountId", id);
        model.addAttribute("asks", requests.asksOf(id));
        List<ProductRequest> open = requests.open();
        Map<Long, String> titles = new LinkedHashMap<>();
        open.forEach(r -> titles.put(r.id(), r.title()));
        model.addAttribute("open", open);
        model.addAttribute("titles", titles);
        model.addAttribute("contacts", stakeholders.list(id));
        return "feature-request-parts :: panel";
    }

    @PostMapping("/accounts/{id}/feature-requests")
    String add(@PathVariable long id, @RequestParam(required = false) Long requestId,
            @RequestParam(required = false) String title, @RequestParam(required = false) Long contactId,
            @RequestParam(required = false) String words, Model model) {
        try {
            FeatureRequests.Recorded recorded = requests.record(id, new AskDraft(requestId, requestId == null ? title : null,
                    contactId, words, null, AskSource.UI, null, null));
            model.addAttribute("notice", "Recorded: " + recorded.ask().accountName() + " asks for '"
                    + recorded.request().title() + "'" + (recorded.newRequest() ? " (a new request)." : "."));
            model.addAttribute("similarAfter", recorded.similar());
            model.addAttribute("recordedRequest", recorded.request());
        } catch (InvalidInput e) {
            model.addAttribute("errors", e.named(Map.of()));
        }
        return panel(id, model);
    }

    // ---- tagging a ticket or a timeline note

    @GetMapping("/accounts/{id}/feature-requests/new")
    String tagForm(@PathVariable long id, @RequestParam(required = false) Long ticket,
            @RequestParam(required = false) Long note, Model model) {
        Account account = accounts.get(id);
        model.addAttribute("account", account);
        model.addAttribute("open", requests.open());
        model.addAttribute("contacts", stakeholders.list(id));
        model.addAttribute("ticket", ticket);
        model.addAttribute("note", note);
        String words = null;
        String from = null;
        if (ticket != null) {
            Ticket t = tickets.listForAccount(id).stream().filter(x -> x.id() == ticket).findFirst()
                    .orElseThrow(() -> new NotFound("Ticket " + ticket + " of " + account.name()));
            words = t.subject();
            from = "Ticket " + t.externalId() + (t.subject() == null ? "" : ": " + t.subject());
        } else if (note != null) {
            var entry = timeline.find(id, note).orElseThrow(() -> new NotFound("Timeline entry " + note + " of "
                    + account.name()));
            words = entry.body() == null ? entry.subject() : entry.subject() + ": " + entry.body();
            from = "Timeline " + entry.kind().label() + " of " + LocalDate.ofInstant(entry.occurredAt(),
                    ZoneOffset.UTC) + ": " + entry.subject();
        }
        if (!model.containsAttribute("words")) {
            model.addAttribute("words", words);
        }
        model.addAttribute("from", from);
        return "feature-ask";
    }

    @PostMapping("/accounts/{id}/feature-requests/new")
    String tag(@PathVariable long id, @RequestParam(required = false) Long ticket, @RequestParam(required = false) Long note,
            @RequestParam(required = false) Long requestId, @RequestParam(required = false) String title,
            @RequestParam(required = false) Long contactId, @RequestParam(required = false) String words, Model model) {
        try {
            FeatureRequests.Recorded recorded = requests.record(id, new AskDraft(requestId, requestId == null ? title : null,
                    contactId, words, null, AskSource.UI, ticket, note));
            return "redirect:/feature-requests/" + recorded.request().id();
        } catch (InvalidInput e) {
            model.addAttribute("errors", e.named(Map.of()));
            model.addAttribute("words", words);
            model.addAttribute("title", title);
            return tagForm(id, ticket, note, model);
        }
    }

    /** Runs a change on a request; a problem is shown on the page instead of an error page. */
    private String act(long id, Model model, String done, Runnable change) {
        try {
            change.run();
            model.addAttribute("notice", done);
        } catch (InvalidInput e) {
            model.addAttribute("errors", e.named(Map.of()));
        } catch (Conflict | NotFound | OutreachRefused | DeliveryFailed e) {
            model.addAttribute("errors", List.of(e.getMessage()));
        }
        return request(id, model);
    }
}
