package org.lodestar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestar.config.ConfigProblem;
import org.lodestar.health.ConfigCheck;

/** {@code config check} reads the time split with the other configuration files, naming a bad line. */
class ConfigCheckTimeSplitTest {

    @Test
    void checksTheTimeSplitWithTheRest(@TempDir Path dir) throws IOException {
        ConfigCheck.Outcome shipped = ConfigCommand.checkAll(dir);
        assertThat(shipped.problems()).isEmpty();
        assertThat(shipped.checked()).contains("time split shipped:time-split/time-split.yaml (3 coverage models, months in UTC)");

        Files.createDirectories(dir.resolve("time-split"));
        Files.writeString(dir.resolve("time-split/time-split.yaml"), """
                task-minutes: { rescue: 30, renewal: 30, expansion: 30, onboarding: 30, business-reviews: 30, other: 30 }
                targets:
                  high-touch: { rescue: 50, renewal: 50 }
                  tech-touch: { other: 100 }
                  digital: { renewal: 60, other: 30 }
                """);

        ConfigCheck.Outcome broken = ConfigCommand.checkAll(dir);
        assertThat(broken.problems()).extracting(ConfigProblem::toString).containsExactly(dir.resolve(
                "time-split/time-split.yaml") + ":5: targets.digital: the percentages sum to 90; expected 100 (rescue, renewal, "
                + "expansion, onboarding, business-reviews, other; a category left out is 0)");
    }
}
