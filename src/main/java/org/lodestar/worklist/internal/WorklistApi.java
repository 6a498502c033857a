package org.lodestar.worklist.internal;

import org.lodestar.people.SignedIn;
import org.lodestar.worklist.TeamBook;
import org.lodestar.worklist.TeamTime;
import org.lodestar.worklist.Worklist;
import org.lodestar.worklist.WorklistView;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
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
