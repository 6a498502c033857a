package org.lodestar.plans;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An account's success plan: its outcomes in order, started on a day (kickoff), perhaps from a template. */
public record SuccessPlan(long id, long accountId, String title, String template, LocalDate startsOn, Instant createdAt,
        String createdBy, List<Outcome> outcomes) {

    public List<Milestone> milestones() {
        return outcomes.stream().flatMap(o -> o.milestones().stream()).toList();
    }
}
