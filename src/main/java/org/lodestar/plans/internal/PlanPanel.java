package org.lodestar.plans.internal;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lodestar.errors.Conflict;
import org.lodestar.errors.InvalidInput;
import org.lodestar.plans.MilestoneDraft;
import org.lodestar.plans.MilestoneStatus;
import org.lodestar.plans.OwnerSide;
import org.lodestar.plans.IssuedPlanLink;
import org.lodestar.plans.PlanDraft;
import org.lodestar.plans.PlanLink;
import org.lodestar.plans.PlanLinks;
import org.lodestar.plans.PlanTemplates;
import org.lodestar.plans.SuccessPlan;
import org.lodestar.plans.SuccessPlans;
import org.lodestar.plans.TimeToValues;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The account page's Plan tab, loaded and updated by htmx: the account's success plans with outcomes and milestones,
 * a plan started from a template, milestones added, edited, marked done with evidence and moved up or down. Changes
 * need the write permission (the security configuration refuses the rest with 403; the page shows them no forms).
 * A plan is shared with one of the customer's contacts by a link shown once, listed with its state and revocable.
 */
@Controller
class PlanPanel {

    private final SuccessPlans plans;
    private final PlanTemplates templates;
    private final PlanLinks links;
    private final TimeToValues timeToValues;

    PlanPanel(SuccessPlans plans, PlanTemplates templates, PlanLinks links, TimeToValues timeToValues) {
        this.plans = plans;
        this.templates = templates;
        this.links = links;
        this.timeToValues = timeToValues;
    }

    @GetMapping("/accounts/{id}/plans")
    String panel(@PathVariable long id, Model model) {
        model.addAttribute("accountId", id);
        List<SuccessPlan> all = plans.listForAccount(id);
        model.addAttribute("plans", all);
        Map<Long, List<PlanLink>> linksByPlan = new LinkedHashMap<>();
        all.forEach(p -> linksByPlan.put(p.id(), links.list(p.id())));
        model.addAttribute("linksByPlan", linksByPlan);
        model.addAttribute("shareContacts", links.shareableContacts(id));
        model.addAttribute("defaultDays", PlanLinks.DEFAULT_DAYS);
        model.addAttribute("mostDays", PlanLinks.MOST_DAYS);
        model.addAttribute("templates", templates.all());
        model.addAttribute("users", plans.possibleUserOwners());
        model.addAttribute("contacts", plans.possibleContactOwners(id));
        model.addAttribute("statuses", List.of(MilestoneStatus.values()));
        model.addAttribute("today", plans.today());
        model.addAttribute("timeToValue", timeToValues.forAccount(id));
        return "plans :: panel";
    }

    /** From a template, or a blank plan: its title and first desired outcome, milestones added after. */
    @PostMapping("/accounts/{id}/plans")
    String create(@PathVariable long id, @RequestParam(required = false) String template,
            @RequestParam(required = false) String title, @RequestParam(required = false) String outcome,
            @RequestParam(required = false) LocalDate startsOn, Model model) {
        boolean blank = template == null || template.isBlank();
        return act(id, model, "Plan started.", () -> plans.create(id, new PlanDraft(blank ? null : template,
                blank ? title : null, startsOn, blank ? List.of(new PlanDraft.OutcomeDraft(outcome, List.of())) : null)));
    }

    @PostMapping("/accounts/{id}/plans/{planId}/outcomes")
    String addOutcome(@PathVariable long id, @PathVariable long planId, @RequestParam(required = false) String title,
            Model model) {
        return act(id, model, "Outcome added.", () -> {
            checkPlan(id, planId);
            plans.addOutcome(planId, title);
        });
    }

    @PostMapping("/accounts/{id}/milestones/{milestoneId}/remove")
    String remove(@PathVariable long id, @PathVariable long milestoneId, Model model) {
        return act(id, model, "Milestone removed.", () -> {
            checkMilestone(id, milestoneId);
            plans.removeMilestone(milestoneId);
        });
    }

    @PostMapping("/accounts/{id}/plans/{planId}/milestones")
    String add(@PathVariable long id, @PathVariable long planId, @RequestParam(required = false) Long outcomeId,
            @RequestParam(required = false) String title, @RequestParam(required = false) String owner,
            @RequestParam(required = false) LocalDate dueOn, @RequestParam(required = false) String value, Model model) {
        return act(id, model, "Milestone added.", () -> {
            checkPlan(id, planId);
            Owner who = Owner.parse(owner);
            plans.addMilestone(planId, new MilestoneDraft(outcomeId, title, who.side(), who.user(), who.contact(), dueOn,
                    null, value != null, null));
        });
    }

    @PostMapping("/accounts/{id}/milestones/{milestoneId}")
    String edit(@PathVariable long id, @PathVariable long milestoneId, @RequestParam(required = false) String title,
            @RequestParam(required = false) String owner, @RequestParam(required = false) LocalDate dueOn,
            @RequestParam(required = false) String status, @RequestParam(required = false) String evidence, Model model) {
        return act(id, model, "Milestone saved.", () -> {
            checkMilestone(id, milestoneId);
            Owner who = Owner.parse(owner);
            plans.updateMilestone(milestoneId, new MilestoneDraft(null, title, who.side(), who.user(), who.contact(), dueOn,
                    status == null || status.isBlank() ? null : MilestoneStatus.of(status), null, evidence));
        });
    }

    @PostMapping("/accounts/{id}/milestones/{milestoneId}/done")
    String done(@PathVariable long id, @PathVariable long milestoneId, @RequestParam(required = false) String evidence,
            Model model) {
        return act(id, model, "Milestone done.", () -> {
            checkMilestone(id, milestoneId);
            plans.updateMilestone(milestoneId, new MilestoneDraft(null, null, null, null, null, null, MilestoneStatus.DONE,
                    null, evidence));
        });
    }

    @PostMapping("/accounts/{id}/milestones/{milestoneId}/move")
    String move(@PathVariable long id, @PathVariable long milestoneId, @RequestParam(required = false) String direction,
            Model model) {
        return act(id, model, "Milestone moved.", () -> {
            checkMilestone(id, milestoneId);
            if (!"up".equals(direction) && !"down".equals(direction)) {
                throw new InvalidInput("direction", "expected up or down, got '" + direction + "'");
            }
            plans.move(milestoneId, direction.equals("up"));
        });
    }

    @PostMapping("/accounts/{id}/plans/{planId}/links")
    String share(@PathVariable long id, @PathVariable long planId, @RequestParam(required = false) Long contactId,
            @RequestParam(required = false) Integer expiresInDays, Model model) {
        return act(id, model, null, () -> {
            checkPlan(id, planId);
            IssuedPlanLink issued = links.issue(planId, contactId, expiresInDays);
            model.addAttribute("issuedLink", issued);
        });
    }

    @PostMapping("/accounts/{id}/plans/{planId}/links/{linkId}/revoke")
    String revoke(@PathVariable long id, @PathVariable long planId, @PathVariable long linkId, Model model) {
        return act(id, model, "Link revoked: it opens no more.", () -> {
            checkPlan(id, planId);
            links.revoke(planId, linkId);
        });
    }

    /** A plan or milestone is changed only through its own account's page. */
    private void checkPlan(long accountId, long planId) {
        if (plans.get(planId).accountId() != accountId) {
            throw new InvalidInput("plan", "is not one of this account's plans");
        }
    }

    private void checkMilestone(long accountId, long milestoneId) {
        checkPlan(accountId, plans.milestone(milestoneId).planId());
    }

    /** The owner chosen in a form: {@code user:7}, {@code contact:12}, {@code customer} (not named) or blank (ours). */
    record Owner(OwnerSide side, Long user, Long contact) {
        static Owner parse(String text) {
            if (text == null || text.isBlank()) {
                return new Owner(null, null, null);
            }
            try {
                if (text.equals("customer")) {
                    return new Owner(OwnerSide.CUSTOMER, null, null);
                }
                if (text.startsWith("user:")) {
                    return new Owner(OwnerSide.US, Long.parseLong(text.substring(5)), null);
                }
                if (text.startsWith("contact:")) {
                    return new Owner(OwnerSide.CUSTOMER, null, Long.parseLong(text.substring(8)));
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new InvalidInput("owner", "expected one of the people listed, got '" + text + "'");
        }
    }

    /** Runs a change; a problem with the input is shown in the panel instead of an error page. */
    private String act(long id, Model model, String done, Runnable change) {
        try {
            change.run();
            if (done != null) {
                model.addAttribute("notice", done);
            }
        } catch (InvalidInput e) {
            model.addAttribute("errors", e.named(Map.of()));
        } catch (Conflict | IllegalArgumentException e) {
            model.addAttribute("errors", List.of(e.getMessage()));
        }
        return panel(id, model);
    }
}
