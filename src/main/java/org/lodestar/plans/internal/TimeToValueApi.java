package org.lodestar.plans.internal;

import org.lodestar.errors.InvalidInput;
import org.lodestar.plans.TimeToValues;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Time-to-value over HTTP: the team's (or one CSM's) by segment and cohort, and one account's. */
@RestController
@Tag(name = "Success plans")
class TimeToValueApi {

    private final TimeToValues timeToValues;

    TimeToValueApi(TimeToValues timeToValues) {
        this.timeToValues = timeToValues;
    }

    @GetMapping("/api/time-to-value")
    @Operation(summary = "Time-to-value by segment, start cohort and CSM", description = "Days from kickoff (the start of "
            + "the earliest plan with a value milestone) to the first value milestone done: accounts, reached, still open, "
            + "median and p75 (nearest rank, over the accounts that reached value), the oldest open one's age, and the "
            + "accounts open longest. owner (an email) limits it to one CSM's accounts; detail=accounts adds every account's row.")
    TimeToValues.Report report(@RequestParam(required = false) String owner, @RequestParam(required = false) String detail) {
        if (detail != null && !"accounts".equals(detail)) {
            throw new InvalidInput("detail", "expected accounts (every account's row) or nothing, got '" + detail + "'");
        }
        return timeToValues.report(owner == null || owner.isBlank() ? null : owner.trim(), detail != null);
    }

    @GetMapping("/api/accounts/{accountId}/time-to-value")
    @Operation(summary = "The account's time-to-value", description = "Its kickoff, the day value was reached (or days "
            + "open so far), and its segment's median to compare with.")
    TimeToValues.AccountTimeToValue account(@PathVariable long accountId) {
        return timeToValues.forAccount(accountId);
    }
}
