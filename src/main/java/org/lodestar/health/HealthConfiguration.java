package org.lodestar.health;

import java.nio.file.Path;
import java.util.List;

import org.lodestar.accounts.SegmentBands;
import org.lodestar.config.ConfigFile;
import org.lodestar.config.ConfigFiles;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The scorecards in force: the shipped ones under {@code config/scorecards/}, each replaced by a file
 * of the same name in {@code <config dir>/scorecards/} (default {@code <data dir>/config}), with other
 * files there added. Read and checked at start-up: an invalid scorecard stops Lodestar with the list
 * of problems rather than scoring with half a configuration.
 */
@Component
public class HealthConfiguration {

    static final String SCORECARDS = "scorecards";
    static final String CANDIDATES = "scorecard-candidates";

    private final Path configDir;
    private final ScorecardReader reader;
    private final Scorecards scorecards;

    HealthConfiguration(@Value("${lodestar.config-dir:${lodestar.data-dir}/config}") Path configDir, SegmentBands segments) {
        this.configDir = configDir;
        this.reader = new ScorecardReader(segments.names());
        this.scorecards = reader.readAll(ConfigFiles.load(configDir, SCORECARDS));
    }

    public Scorecards scorecards() {
        return scorecards;
    }

    public Path configDir() {
        return configDir;
    }

    /** A scorecard file outside the configuration, checked the same way. */
    public ScorecardDefinition readCandidate(Path file) {
        return reader.readOne(ConfigFiles.read(file));
    }

    /** The candidate scorecards kept beside the configuration (shipped and in the config dir), for comparisons. */
    public List<ScorecardDefinition> candidates() {
        List<ConfigFile> files = ConfigFiles.load(configDir, CANDIDATES);
        return files.stream().map(reader::readOne).toList();
    }

    /** The active scorecards with a candidate in place of the one of its name. */
    public Scorecards withCandidate(ScorecardDefinition candidate) {
        return scorecards.with(candidate);
    }

    ScorecardDefinition byName(String name) {
        return scorecards.all().stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }
}
