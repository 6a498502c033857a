package org.lodestar.health;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.lodestar.accounts.SegmentBands;
import org.lodestar.config.ConfigFile;
import org.lodestar.config.ConfigFiles;
import org.lodestar.config.ConfigInvalid;
import org.lodestar.config.ConfigProblem;

/**
 * Checks every configuration file without starting Lodestar: the scorecards in force and the
 * candidates. Used by {@code ./lodestar config check} and before any command starts, so a bad file
 * is reported as a list of problems rather than a failed start.
 */
public final class ConfigCheck {

    private ConfigCheck() {
    }

    /** What was checked, and the problems found (empty when all is well). */
    public record Outcome(List<String> checked, List<ConfigProblem> problems) {

        /** This outcome and another module's check of its own files. */
        public Outcome plus(Outcome other) {
            List<String> allChecked = new ArrayList<>(checked);
            allChecked.addAll(other.checked());
            List<ConfigProblem> allProblems = new ArrayList<>(problems);
            allProblems.addAll(other.problems());
            return new Outcome(allChecked, allProblems);
        }
    }

    public static Outcome check(Path configDir) {
        ScorecardReader reader = new ScorecardReader(new SegmentBands().names());
        List<String> checked = new ArrayList<>();
        List<ConfigProblem> problems = new ArrayList<>();
        try {
            Scorecards scorecards = reader.readAll(ConfigFiles.load(configDir, HealthConfiguration.SCORECARDS));
            scorecards.all().forEach(s -> checked.add("scorecard " + s.name() + " " + s.version() + " (" + s.file()
                    + ", " + s.measures().size() + " measures) for " + s.appliesTo()));
        } catch (ConfigInvalid e) {
            problems.addAll(e.problems());
        }
        List<ConfigFile> candidates;
        try {
            candidates = ConfigFiles.load(configDir, HealthConfiguration.CANDIDATES);
        } catch (ConfigInvalid e) {
            // A file that is not UTF-8 text: reported, and the other kinds of file are still checked.
            problems.addAll(e.problems());
            candidates = List.of();
        }
        for (ConfigFile file : candidates) {
            try {
                ScorecardDefinition candidate = reader.readOne(file);
                checked.add("candidate scorecard " + candidate.name() + " " + candidate.version() + " (" + file.origin() + ")");
            } catch (ConfigInvalid e) {
                problems.addAll(e.problems());
            }
        }
        return new Outcome(checked, problems);
    }
}
