package org.lodestar.plans.internal;

import java.net.URI;
import java.util.List;

import org.lodestar.errors.InvalidInput;
import org.lodestar.plans.IssuedPlanLink;
import org.lodestar.plans.Milestone;
import org.lodestar.plans.MilestoneDraft;
import org.lodestar.plans.Outcome;
import org.lodestar.plans.PlanDraft;
import org.lodestar.plans.PlanLink;
import org.lodestar.plans.PlanLinks;
import org.lodestar.plans.PlanTemplate;
import org.lodestar.plans.PlanTemplates;
import org.lodestar.plans.SuccessPlan;
import org.lodestar.plans.SuccessPlans;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Success plans over HTTP: plans per account, their milestones. */
@RestController
@Tag(name = "Success plans", description = "Mutual action plans: outcomes, milestones, owners on both sides")
class PlansApi {

    private final SuccessPlans plans;
    private final PlanTemplates templates;
    private final PlanLinks links;

    PlansApi(SuccessPlans plans, PlanTemplates templates, PlanLinks links) {
        this.plans = plans;
        this.templates = templates;
        this.links = links;
    }

    /** A link to make: for which of the account's contacts, good for how many days (30 when left out, at most 90). */
    @Schema(example = """
            {"contactId": 12, "expiresInDays": 30}""")
    record LinkRequest(Long contactId, Integer expiresInDays) {
    }

    /** Which way a milestone moves within its outcome. */
    @Schema(example = """
            {"direction": "up"}""")
    record Move(String direction) {
    }

    @GetMapping("/api/accounts/{accountId}/plans")
    @Operation(summary = "The account's success plans, newest first, with outcomes and milestones in order")
    List<SuccessPlan> list(@PathVariable long accountId) {
        return plans.listForAccount(accountId);
    }

    @PostMapping("/api/accounts/{accountId}/plans")
    @Operation(summary = "Start a success plan from a template (milestones due days after startsOn) or with outcomes given")
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<SuccessPlan> create(@PathVariable long accountId, @RequestBody PlanDraft draft) {
        SuccessPlan created = plans.create(accountId, draft);
        return ResponseEntity.created(URI.create("/api/plans/" + created.id())).body(created);
    }

    @GetMapping("/api/plan-templates")
    @Operation(summary = "The success-plan templates in force")
    List<PlanTemplate> templates() {
        return templates.all();
    }

    @GetMapping("/api/plans/{id}")
    @Operation(summary = "One success plan with its outcomes and milestones")
    SuccessPlan get(@PathVariable long id) {
        return plans.get(id);
    }

    @PutMapping("/api/plans/{id}")
    @Operation(summary = "Rename a plan or move its start (title, startsOn)")
    SuccessPlan update(@PathVariable long id, @RequestBody PlanDraft draft) {
        return plans.update(id, draft);
    }

    @PostMapping("/api/plans/{id}/outcomes")
    @Operation(summary = "Add a desired outcome at the end of the plan ({\"title\": ...}); milestones are added beneath it")
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<Outcome> addOutcome(@PathVariable long id, @RequestBody OutcomeTitle outcome) {
        Outcome created = plans.addOutcome(id, outcome.title());
        return ResponseEntity.created(URI.create("/api/plans/" + id)).body(created);
    }

    @Schema(example = """
            {"title": "Every team reports from Lodestar"}""")
    record OutcomeTitle(String title) {
    }

    @PostMapping("/api/plans/{id}/milestones")
    @Operation(summary = "Add a milestone at the end of an outcome (outcomeId; the first outcome when missing)")
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<Milestone> addMilestone(@PathVariable long id, @RequestBody MilestoneDraft draft) {
        Milestone created = plans.addMilestone(id, draft);
        return ResponseEntity.created(URI.create("/api/milestones/" + created.id())).body(created);
    }

    @GetMapping("/api/milestones/{id}")
    @Operation(summary = "One milestone")
    Milestone milestone(@PathVariable long id) {
        return plans.milestone(id);
    }

    @PutMapping("/api/milestones/{id}")
    @Operation(summary = "Change a milestone's title, owner, due day, status, value flag or evidence; fields left out are kept")
    Milestone updateMilestone(@PathVariable long id, @RequestBody MilestoneDraft draft) {
        return plans.updateMilestone(id, draft);
    }

    @DeleteMapping("/api/milestones/{id}")
    @Operation(summary = "Remove a milestone added by mistake (the audit log keeps it)")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    ResponseEntity<Void> removeMilestone(@PathVariable long id) {
        plans.removeMilestone(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/milestones/{id}/move")
    @Operation(summary = "Move a milestone one place up or down within its outcome ({\"direction\": \"up\"} or \"down\")")
    Milestone move(@PathVariable long id, @RequestBody Move move) {
        String direction = move.direction() == null ? "" : move.direction().trim();
        if (!direction.equals("up") && !direction.equals("down")) {
            throw new InvalidInput("direction", "expected up or down, got '" + move.direction() + "'");
        }
        return plans.move(id, direction.equals("up"));
    }

    @PostMapping("/api/plans/{id}/links")
    @Operation(summary = "Share the plan with one of the account's contacts: a signed link, no login, that expires "
            + "(contactId; expiresInDays 1 to 90, 30 when left out). The url is returned this once")
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<IssuedPlanLink> share(@PathVariable long id, @RequestBody LinkRequest request) {
        IssuedPlanLink issued = links.issue(id, request.contactId(), request.expiresInDays());
        return ResponseEntity.created(URI.create("/api/plans/" + id + "/links/" + issued.link().id())).body(issued);
    }

    @GetMapping("/api/plans/{id}/links")
    @Operation(summary = "The plan's shared links, newest first: for whom, until when, revoked, last used (no tokens)")
    List<PlanLink> links(@PathVariable long id) {
        return links.list(id);
    }

    @DeleteMapping("/api/plans/{id}/links/{linkId}")
    @Operation(summary = "Revoke a shared link: it opens no more")
    PlanLink revoke(@PathVariable long id, @PathVariable long linkId) {
        return links.revoke(id, linkId);
    }
}
