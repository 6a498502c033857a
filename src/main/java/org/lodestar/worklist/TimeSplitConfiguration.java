package org.lodestar.worklist;

import java.nio.file.Path;
import java.util.List;

import org.lodestar.config.ConfigFiles;
import org.lodestar.config.ConfigInvalid;
import org.lodestar.config.ConfigProblem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The time split in force: the shipped {@code config/time-split/time-split.yaml}, replaced by a file of the same name
 * in {@code <config dir>/time-split/}. Read at start-up, so a bad file stops the start.
 */
@Component
public class TimeSplitConfiguration {

    public static final String FOLDER = "time-split";

    private final TimeTargets targets;

    TimeSplitConfiguration(@Value("${lodestar.config-dir:${lodestar.data-dir}/config}") Path configDir) {
        this.targets = read(configDir);
    }

    /** Reads and checks the file of a configuration folder; a {@link ConfigInvalid} lists every problem. */
    public static TimeTargets read(Path configDir) {
        return new TimeTargetsReader().read(ConfigFiles.load(configDir, FOLDER));
    }

    /** What a check found: a line for the good file, and every problem. */
    public record Check(List<String> checked, List<ConfigProblem> problems) {
    }

    /** Checks the file of a configuration folder without starting Lodestar, for {@code ./lodestar config check}. */
    public static Check check(Path configDir) {
        try {
            TimeTargets targets = read(configDir);
            return new Check(List.of("time split " + targets.file() + " (" + targets.targets().size()
                    + " coverage models, months in " + targets.zone() + ")"), List.of());
        } catch (ConfigInvalid e) {
            return new Check(List.of(), e.problems());
        }
    }

    public TimeTargets targets() {
        return targets;
    }
}
