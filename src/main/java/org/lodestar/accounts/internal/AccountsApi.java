package org.lodestar.accounts.internal;

import java.net.URI;
import java.util.List;

import org.lodestar.accounts.Account;
import org.lodestar.accounts.AccountDraft;
import org.lodestar.accounts.AccountFilter;
import org.lodestar.accounts.AccountList;
import org.lodestar.accounts.Accounts;
import org.lodestar.accounts.ActivityDraft;
import org.lodestar.accounts.CoverageModel;
import org.lodestar.accounts.HealthBand;
import org.lodestar.accounts.LifecycleStage;
import org.lodestar.accounts.BookRisk;
import org.lodestar.accounts.Stakeholder;
import org.lodestar.accounts.StakeholderDraft;
import org.lodestar.accounts.Stakeholders;
import org.lodestar.accounts.Timeline;
import org.lodestar.accounts.TimelineEntry;
import org.lodestar.infrastructure.Paging;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The book of accounts over HTTP: accounts, their stakeholders and their timeline. */
@RestController
@RequestMapping("/api/accounts")
@Tag(name = "Accounts", description = "The book of accounts, stakeholders and timelines")
class AccountsApi {

    private final Accounts accounts;
    private final Stakeholders stakeholders;
    private final Timeline timeline;

    AccountsApi(Accounts accounts, Stakeholders stakeholders, Timeline timeline) {
        this.accounts = accounts;
        this.stakeholders = stakeholders;
        this.timeline = timeline;
    }

    @GetMapping
    @Operation(summary = "List accounts", description = "Filter by owner email (or 'none'), segment, lifecycle stage, "
            + "coverage model, health band (red, yellow, green, unscored), risk (at-risk: red or yellow; renewing: "
            + "renewal within 90 days; at-risk-renewing: both) and a search over name, external id and domain. Sort by "
            + "name, arr, segment, stage, owner, renewal or health; prefix '-' for descending. Each listed account's "
            + "health is under 'health' by account id.")
    AccountList list(@RequestParam(required = false) String owner, @RequestParam(required = false) String segment,
            @RequestParam(required = false) LifecycleStage stage, @RequestParam(required = false) CoverageModel coverage,
            @RequestParam(required = false) HealthBand health, @RequestParam(required = false) BookRisk risk,
            @RequestParam(required = false) String q, @RequestParam(defaultValue = "name") String sort,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return accounts.list(new AccountFilter(owner, segment, stage, coverage, health, risk, q, sort, Paging.page(page),
                Paging.size(size, AccountFilter.MAX_SIZE)));
    }

    @Operation(summary = "Get an account")
    @GetMapping("/{id}")
    Account get(@PathVariable long id) {
        return accounts.get(id);
    }

    @Operation(summary = "Create an account")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<Account> create(@RequestBody AccountDraft draft) {
        Account created = accounts.create(draft);
        return ResponseEntity.created(URI.create("/api/accounts/" + created.id())).body(created);
    }

    @Operation(summary = "Replace an account's fields")
    @PutMapping("/{id}")
    Account update(@PathVariable long id, @RequestBody AccountDraft draft) {
        return accounts.update(id, draft);
    }

    @Operation(summary = "Delete an account and what belongs to it")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    ResponseEntity<Void> delete(@PathVariable long id) {
        accounts.delete(id);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "List an account's stakeholders")
    @GetMapping("/{id}/stakeholders")
    List<Stakeholder> stakeholders(@PathVariable long id) {
        return stakeholders.list(id);
    }

    @Operation(summary = "Add a stakeholder")
    @PostMapping("/{id}/stakeholders")
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<Stakeholder> addStakeholder(@PathVariable long id, @RequestBody StakeholderDraft draft) {
        Stakeholder created = stakeholders.add(id, draft);
        return ResponseEntity.created(URI.create("/api/accounts/" + id + "/stakeholders/" + created.id()))
                .body(created);
    }

    @Operation(summary = "Replace a stakeholder")
    @PutMapping("/{id}/stakeholders/{stakeholderId}")
    Stakeholder updateStakeholder(@PathVariable long id, @PathVariable long stakeholderId,
            @RequestBody StakeholderDraft draft) {
        return stakeholders.update(id, stakeholderId, draft);
    }

    @Operation(summary = "Remove a stakeholder")
    @DeleteMapping("/{id}/stakeholders/{stakeholderId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    ResponseEntity<Void> removeStakeholder(@PathVariable long id, @PathVariable long stakeholderId) {
        stakeholders.remove(id, stakeholderId);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "List an account's timeline, newest first")
    @GetMapping("/{id}/timeline")
    List<TimelineEntry> timeline(@PathVariable long id, @RequestParam(defaultValue = "100") int limit) {
        accounts.get(id);
        return timeline.list(id, Paging.limit(limit, 1000));
    }

    @Operation(summary = "Log an activity (note, call, meeting, email) on the timeline")
    @PostMapping("/{id}/timeline")
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<TimelineEntry> log(@PathVariable long id, @RequestBody ActivityDraft draft) {
        accounts.get(id);
        TimelineEntry entry = timeline.log(id, draft);
        return ResponseEntity.created(URI.create("/api/accounts/" + id + "/timeline")).body(entry);
    }
}
