package org.lodestar.plans;

import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A plan to create: from a template (its outcomes and milestones, due that many days after {@code startsOn}), or with
 * outcomes given. Missing {@code startsOn} means today; a missing title is the template's.
 */
@Schema(example = """
        {"template": "enterprise-onboarding", "title": "Acme onboarding", "startsOn": "2026-12-01"}""")
public record PlanDraft(String template, String title, LocalDate startsOn, List<OutcomeDraft> outcomes) {

    public record OutcomeDraft(String title, List<MilestoneDraft> milestones) {
    }
}
