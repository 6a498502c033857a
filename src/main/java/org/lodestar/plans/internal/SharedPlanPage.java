package org.lodestar.plans.internal;

import jakarta.servlet.http.HttpServletResponse;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.lodestar.errors.InvalidInput;
import org.lodestar.plans.LinkRefused;
import org.lodestar.plans.Milestone;
import org.lodestar.plans.PlanLinks;
import org.lodestar.plans.SharedPlan;
import org.lodestar.plans.SuccessPlans;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The plan as the customer's contact sees it through a shared link, without a login: read-only but for the
 * milestones they own, which they mark done. A link that does not open says why in words for the customer (gone:
 * 410, unknown: 404, not theirs: 403), never with internals. The token stays out of other sites' logs: no referrer.
 */
@Controller
class SharedPlanPage {

    private final PlanLinks links;
    private final SuccessPlans plans;
    private final Clock clock;

    SharedPlanPage(PlanLinks links, SuccessPlans plans, Clock clock) {
        this.links = links;
        this.plans = plans;
        this.clock = clock;
    }

    @GetMapping(PlanLinks.PATH + "{token}")
    String show(@PathVariable String token, @RequestParam(required = false) Long done, Model model,
            HttpServletResponse response) {
        SharedPlan shared = links.open(token);
        if (done != null) {
            shared.plan().milestones().stream().filter(m -> m.id() == done).findFirst()
                    .ifPresent(m -> model.addAttribute("notice", "Marked “" + m.title() + "” done. Thank you!"));
        }
        return page(token, shared, model, response);
    }

    @PostMapping(PlanLinks.PATH + "{token}/milestones/{milestoneId}/done")
    String done(@PathVariable String token, @PathVariable long milestoneId, @RequestParam(required = false) String note,
            Model model, HttpServletResponse response) {
        try {
            Milestone marked = links.markDone(token, milestoneId, note);
            return "redirect:" + PlanLinks.PATH + token + "?done=" + marked.id();
        } catch (InvalidInput e) {
            model.addAttribute("errors", e.problems().stream().map(p -> "evidence".equals(p.field())
                    ? "The note is too long: keep it under 2,000 characters." : p.reason()).toList());
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return page(token, links.open(token), model, response);
        }
    }

    @ExceptionHandler(LinkRefused.class)
    String refused(LinkRefused e, Model model, HttpServletResponse response) {
        noReferrer(response);
        response.setStatus(e.reason().status());
        model.addAttribute("reason", e.reason().name().toLowerCase().replace('_', '-'));
        model.addAttribute("status", e.reason().status());
        return "shared-plan-refused";
    }

    private String page(String token, SharedPlan shared, Model model, HttpServletResponse response) {
        noReferrer(response);
        model.addAttribute("shared", shared);
        model.addAttribute("token", token);
        model.addAttribute("today", plans.today());
        model.addAttribute("expiresOn", LocalDate.ofInstant(shared.expiresAt(), clock.getZone()));
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", List.of());
        }
        return "shared-plan";
    }

    private static void noReferrer(HttpServletResponse response) {
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Robots-Tag", "noindex, nofollow");
    }
}
