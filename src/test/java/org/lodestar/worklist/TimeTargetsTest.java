package org.lodestar.worklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestar.accounts.CoverageModel;
import org.lodestar.accounts.TimeCategory;
import org.lodestar.config.ConfigFile;
import org.lodestar.config.ConfigInvalid;
import org.lodestar.config.ConfigProblem;

/** The shipped time split is valid; a broken one is reported as file:line: field: problem. */
class TimeTargetsTest {

    @Test
    void theShippedTimeSplitIsValid() {
        TimeTargets targets = TimeSplitConfiguration.read(null);

        assertThat(targets.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(targets.taskMinutes()).containsEntry(TimeCategory.RESCUE, 45).containsEntry(TimeCategory.BUSINESS_REVIEWS, 60)
                .hasSize(6);
        assertThat(targets.targets()).containsOnlyKeys(CoverageModel.values());
        targets.targets().values().forEach(split -> assertThat(split.values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(100));
        assertThat(TimeSplitConfiguration.check(null).checked()).containsExactly(
                "time split shipped:time-split/time-split.yaml (3 coverage models, months in UTC)");
    }

    @Test
    void aBrokenTimeSplitNamesFileLineFieldAndProblem() {
        ConfigFile broken = new ConfigFile("time-split.yaml", "config/time-split/time-split.yaml", """
                zone: Mars/Olympus
                task-minutes:
                  rescue: 45
                  renewal: 0
                  expansion: 30
                  onboarding: 45
                  qbr: 60
                  other: 20
                targets:
                  high-touch:
                    rescue: 15
                    renewal: 20
                    expansion: 20
                    onboarding: 15
                    business-reviews: 20
                  tech-touch:
                    rescue: 20.5
                    renewal: 79.5
                  enterprise:
                    rescue: 100
                """);

        assertThatThrownBy(() -> new TimeTargetsReader().read(List.of(broken))).isInstanceOf(ConfigInvalid.class)
                .satisfies(e -> assertThat(((ConfigInvalid) e).problems()).extracting(ConfigProblem::toString).containsExactly(
                        "config/time-split/time-split.yaml:1: zone: expected a time zone such as UTC or Europe/Berlin, got "
                                + "'Mars/Olympus'",
                        "config/time-split/time-split.yaml:7: task-minutes.qbr: unknown field; expected one of rescue, renewal, "
                                + "expansion, onboarding, business-reviews, other",
                        "config/time-split/time-split.yaml:4: task-minutes.renewal: expected a number from 1 to 1440, got 0",
                        "config/time-split/time-split.yaml:3: task-minutes.business-reviews: is required",
                        "config/time-split/time-split.yaml:19: targets.enterprise: unknown field; expected one of high-touch, "
                                + "tech-touch, digital",
                        "config/time-split/time-split.yaml:11: targets.high-touch: the percentages sum to 90; expected 100 "
                                + "(rescue, renewal, expansion, onboarding, business-reviews, other; a category left out is 0)",
                        "config/time-split/time-split.yaml:17: targets.tech-touch.rescue: expected a whole number, got 20.5",
                        "config/time-split/time-split.yaml:18: targets.tech-touch.renewal: expected a whole number, got 79.5",
                        "config/time-split/time-split.yaml:10: targets.digital: is required"));
    }

    @Test
    void aFileInTheConfigFolderReplacesTheShippedOne(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("time-split"));
        Files.writeString(dir.resolve("time-split/time-split.yaml"), """
                zone: Europe/Berlin
                task-minutes: { rescue: 30, renewal: 30, expansion: 30, onboarding: 30, business-reviews: 30, other: 30 }
                targets:
                  high-touch: { rescue: 50, renewal: 50 }
                  tech-touch: { other: 100 }
                  digital: { renewal: 60, other: 41 }
                """);
        Files.writeString(dir.resolve("time-split/extra.yaml"), "zone: UTC\n");

        TimeSplitConfiguration.Check check = TimeSplitConfiguration.check(dir);

        assertThat(check.checked()).isEmpty();
        assertThat(check.problems()).extracting(ConfigProblem::toString).containsExactly(
                dir.resolve("time-split/extra.yaml") + ": is not read: the time split is configured in time-split.yaml alone",
                dir.resolve("time-split/time-split.yaml") + ":6: targets.digital: the percentages sum to 101; expected 100 "
                        + "(rescue, renewal, expansion, onboarding, business-reviews, other; a category left out is 0)");
    }
}
