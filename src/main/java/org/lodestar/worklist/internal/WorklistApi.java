package org.lodestar.worklist.internal;

import java.time.LocalDate;

import org.lodestar.errors.InvalidInput;
import org.lodestar.people.SignedIn;
import org.lodestar.worklist.TeamBook;
import org.lodestar.worklist.TeamTime;
import org.lodestar.worklist.Worklist;
import org.lodestar.worklist.WorklistView;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The worklist and the team's book over HTTP. */
@RestController
@Tag(name = "Worklist", description = "Each CSM's today, and the team's book")
class WorklistApi {

    private final Worklist worklist;
    private final TeamBook team;
    private final TeamTime time;

    WorklistApi(Worklist worklist, TeamBook team, TeamTime time) {
        this.worklist = worklist;
        this.team = team;
        this.time = time;
    }

    @GetMapping("/api/worklist")
    @Operation(summary = "A CSM's worklist", description = "Open tasks and accounts needing attention of owner (an "
            + "email; default: you), ranked by risk × ARR × urgency (docs/worklist.md), each with a one-line reason.")
    WorklistView worklist(@RequestParam(required = false) String owner, @AuthenticationPrincipal SignedIn me) {
        return worklist.forOwner(owner != null ? owner : me.user().email());
    }

    /** What setting an account aside on a Today takes: whose Today (default: yours), the account and for how many days. */
    @Schema(example = """
            {"owner": "csm@lodestar.local", "accountId": 42, "days": 7}""")
    record AsideRequest(String owner, Long accountId, Integer days, String cause) {
    }

    /** An account set aside: on whose Today, and the day it comes back. */
    record Aside(String owner, long accountId, LocalDate until) {
    }

    @PostMapping("/api/worklist/aside")
    @Operation(summary = "Set an account aside on a Today", description = "For an account that needs attention without a "
            + "task (an open signal, a red score, a high churn risk) and that the CSM looked at: off owner's Today (default: "
            + "yours) and its capacity for days (1-30) and back on the day answered, or sooner when its reason changes (a "
            + "new signal) or a task on it falls due. With cause (the item's cause in GET /api/worklist), 400 when it "
            + "changed since. 400 when the account is not the owner's or needs no attention.")
    Aside setAside(@RequestBody AsideRequest body, @AuthenticationPrincipal SignedIn me) {
        if (body == null || body.accountId() == null) {
            throw new InvalidInput("accountId", "is required: the id of the account to set aside");
        }
        if (body.days() == null) {
            throw new InvalidInput("days", "is required: for how many days (1 to " + Worklist.MOST_DAYS_ASIDE + ")");
        }
        String owner = body.owner() == null || body.owner().isBlank() ? me.user().email() : body.owner();
        return new Aside(owner, body.accountId(), worklist.setAside(owner, body.accountId(), body.days(), body.cause()).until());
    }

    @DeleteMapping("/api/worklist/aside/{accountId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Bring an account set aside back", description = "Back on owner's Today (default: yours) at once. "
            + "400 when it is not set aside there.")
    void bringBack(@PathVariable long accountId, @RequestParam(required = false) String owner,
            @AuthenticationPrincipal SignedIn me) {
        worklist.bringBack(owner == null || owner.isBlank() ? me.user().email() : owner, accountId);
    }

    @GetMapping("/api/book/team")
    @Operation(summary = "The team's book", description = "Accounts and ARR by segment and band, ARR at risk, renewals "
            + "ahead, each CSM's accounts and ARR by coverage model and open work by kind.")
    TeamBook.View team() {
        return team.view();
    }

    @GetMapping("/api/team/time-split")
    @Operation(summary = "Where each CSM's time goes", description = "For month (YYYY-MM in the configured zone; default: "
            + "this month), each CSM's minutes per category (rescue, renewal, expansion, onboarding, business-reviews, "
            + "other) from the tasks they completed and the activities they logged with a duration, each category's share "
            + "of their total (whole %, summing to 100), the target their book's coverage models set (blended by account "
            + "count) and the difference in points.")
    TeamTime.View timeSplit(@RequestParam(required = false) String month) {
        return time.month(time.parseMonth(month));
    }
}
