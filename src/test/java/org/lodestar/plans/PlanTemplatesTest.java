package org.lodestar.plans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestar.config.ConfigFile;
import org.lodestar.config.ConfigInvalid;
import org.lodestar.config.ConfigProblem;

/** The shipped plan templates are valid; a broken one is reported as file:line: field: problem. */
class PlanTemplatesTest {

    @Test
    void everyShippedTemplateIsValid() {
        List<PlanTemplate> templates = PlanTemplates.read(null);

        assertThat(templates).extracting(PlanTemplate::name).containsExactlyInAnyOrder("smb-onboarding",
                "enterprise-onboarding", "rescue-90-day", "expansion-pursuit", "renewal-pursuit");
        PlanTemplate smb = templates.stream().filter(t -> t.name().equals("smb-onboarding")).findFirst().orElseThrow();
        assertThat(smb.outcomes()).hasSize(2);
        assertThat(smb.outcomes().get(1).milestones()).singleElement().isEqualTo(
                new PlanTemplate.MilestoneTemplate("First value milestone reached", 30, OwnerSide.CUSTOMER, true));
        assertThat(PlanTemplates.check(null).problems()).isEmpty();
        assertThat(PlanTemplates.check(null).checked()).contains(
                "plan template smb-onboarding (shipped:plans/smb-onboarding.yaml, 2 outcomes, 4 milestones)");
    }

    @Test
    void aBrokenTemplateNamesFileLineFieldAndProblem() {
        ConfigFile broken = new ConfigFile("launch.yaml", "config/plans/launch.yaml", """
                name: launch
                title: Launch
                outcomes:
                  - outcome: Live
                    milestones:
                      - { title: Kickoff, due: two weeks, owner: csm }
                      - { title: Go live, due: 30d, owner: partner, value: true }
                      - { title: Sign-off, due: 40d, owner: customer, value: yes, colour: red }
                """);

        assertThatThrownBy(() -> new PlanTemplateReader().readAll(List.of(broken))).isInstanceOf(ConfigInvalid.class)
                .satisfies(e -> assertThat(((ConfigInvalid) e).problems()).extracting(ConfigProblem::toString).containsExactly(
                        "config/plans/launch.yaml:6: outcomes[0].milestones[0].due: expected days after the plan starts, "
                                + "such as 30d, got 'two weeks'",
                        "config/plans/launch.yaml:7: outcomes[0].milestones[1].owner: expected csm (the account's owner) or "
                                + "customer, got 'partner'",
                        "config/plans/launch.yaml:8: outcomes[0].milestones[2].colour: unknown field; expected one of title, "
                                + "due, owner, value",
                        "config/plans/launch.yaml:8: outcomes[0].milestones[2].value: expected true or false, got 'yes'"));
    }

    @Test
    void aTemplateInTheConfigFolderIsCheckedWithTheShippedOnes(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("plans"));
        Files.writeString(dir.resolve("plans/smb-onboarding.yaml"), "name: smb-onboarding\ntitle: SMB\noutcomes: []\n");

        PlanTemplates.Check check = PlanTemplates.check(dir);

        assertThat(check.problems()).extracting(ConfigProblem::toString).containsExactly(
                dir.resolve("plans/smb-onboarding.yaml") + ":3: outcomes: expected at least one outcome");
    }
}
