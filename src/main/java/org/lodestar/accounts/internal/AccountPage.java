package org.lodestar.accounts.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.lodestar.accounts.Account;
import org.lodestar.accounts.Accounts;
import org.lodestar.accounts.ActivityDraft;
import org.lodestar.accounts.MeetingType;
import org.lodestar.accounts.Stakeholders;
import org.lodestar.accounts.TimeCategory;
import org.lodestar.accounts.Timeline;
import org.lodestar.accounts.TimelineKind;
import org.lodestar.errors.InvalidInput;
import org.lodestar.infrastructure.WholeMinutes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One account, in tabs a CSM can bookmark ({@code ?tab=health}): overview, health, usage, plan, work,
 * people, contracts and timeline. Only the shown tab is rendered, so its panels, which other modules
 * serve through htmx, are the only ones fetched.
 */
@Controller
class AccountPage {

    /** A tab of the account page: its key in the address and the word on it. */
    record Tab(String key, String label) {
    }

    static final List<Tab> TABS = List.of(new Tab("overview", "Overview"), new Tab("health", "Health"),
            new Tab("usage", "Usage"), new Tab("plan", "Plan"), new Tab("review", "Review"), new Tab("work", "Work"),
            new Tab("people", "People"), new Tab("contracts", "Contracts"), new Tab("timeline", "Timeline"));

    private final Accounts accounts;
    private final Stakeholders stakeholders;
    private final Timeline timeline;
    private final Clock clock;

    AccountPage(Accounts accounts, Stakeholders stakeholders, Timeline timeline, Clock clock) {
        this.accounts = accounts;
        this.stakeholders = stakeholders;
        this.timeline = timeline;
        this.clock = clock;
    }

    @GetMapping("/accounts/{id}")
    String show(@PathVariable long id, @RequestParam(required = false) String tab, Model model) {
        Account account = accounts.get(id);
        // An unknown or missing tab shows the overview rather than an error: old links end in #anchors.
        String shown = TABS.stream().map(Tab::key).filter(key -> key.equals(tab)).findFirst().orElse("overview");
        model.addAttribute("tabs", TABS);
        model.addAttribute("tab", shown);
        model.addAttribute("account", account);
        // Each tab reads only what it shows.
        model.addAttribute("children", shown.equals("overview") ? accounts.children(id) : List.of());
        model.addAttribute("stakeholders", shown.equals("people") ? stakeholders.list(id) : List.of());
        model.addAttribute("timeline", shown.equals("timeline") ? timeline.list(id, 200) : List.of());
        model.addAttribute("kinds", List.of(TimelineKind.NOTE, TimelineKind.CALL, TimelineKind.MEETING, TimelineKind.EMAIL));
        model.addAttribute("meetingTypes", List.of(MeetingType.values()));
        model.addAttribute("timeCategories", List.of(TimeCategory.values()));
        model.addAttribute("today", LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        return "account";
    }

    @PostMapping("/accounts/{id}/timeline")
    String log(@PathVariable long id, @RequestParam String kind, @RequestParam(required = false) String meetingType,
            @RequestParam String subject, @RequestParam(required = false) String body,
            @RequestParam(required = false) String occurredOn, @RequestParam(required = false) String durationMinutes,
            @RequestParam(required = false) String category, Model model, RedirectAttributes redirect) {
        accounts.get(id);
        try {
            timeline.log(id, new ActivityDraft(parse(TimelineKind.class, "kind", kind),
                    meetingType == null || meetingType.isBlank() ? null : parse(MeetingType.class, "meetingType", meetingType),
                    occurredAt(occurredOn), subject, body, WholeMinutes.parse("durationMinutes", durationMinutes),
                    category == null || category.isBlank() ? null : parse(TimeCategory.class, "category", category)));
        } catch (InvalidInput e) {
            model.addAttribute("logErrors", e.problems());
            model.addAttribute("draftSubject", subject);
            model.addAttribute("draftBody", body);
            model.addAttribute("draftMinutes", durationMinutes);
            model.addAttribute("draftCategory", category);
            return show(id, "timeline", model);
        }
        redirect.addFlashAttribute("logged", "Logged: " + subject.trim());
        return "redirect:/accounts/" + id + "?tab=timeline";
    }

    private Instant occurredAt(String occurredOn) {
        if (occurredOn == null || occurredOn.isBlank()) {
            return null;
        }
        try {
            LocalDate day = LocalDate.parse(occurredOn);
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            return day.equals(today) ? clock.instant() : day.atTime(12, 0).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new InvalidInput("occurredOn", "expected a date as YYYY-MM-DD, got '" + occurredOn + "'");
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String text) {
        try {
            return org.lodestar.infrastructure.Labels.parse(type, text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(field, e.getMessage());
        }
    }
}
