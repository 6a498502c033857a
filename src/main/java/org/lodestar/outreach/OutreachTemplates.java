package org.lodestar.outreach;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.lodestar.config.ConfigFiles;
import org.lodestar.config.ConfigInvalid;
import org.lodestar.config.ConfigProblem;
import org.lodestar.health.ConfigCheck;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The outreach templates in force: the shipped ones under {@code config/templates/}, each replaced by a
 * file of the same name in {@code <config dir>/templates/}, with other files there added. Read and
 * checked at start-up, so a template with an unknown merge field stops Lodestar instead of a send.
 */
@Component
public class OutreachTemplates {

    static final String FOLDER = "templates";

    private final Map<String, OutreachTemplate> byName = new LinkedHashMap<>();

    OutreachTemplates(@Value("${lodestar.config-dir:${lodestar.data-dir}/config}") Path configDir) {
        TemplateReader.readAll(ConfigFiles.load(configDir, FOLDER)).stream()
                .sorted((a, b) -> a.name().compareTo(b.name())).forEach(t -> byName.put(t.name(), t));
    }

    /** The template names, in alphabetical order. */
    public Set<String> names() {
        return Collections.unmodifiableSet(byName.keySet());
    }

    public boolean exists(String name) {
        return name != null && byName.containsKey(name);
    }

    public List<OutreachTemplate> all() {
        return List.copyOf(byName.values());
    }

    public Optional<OutreachTemplate> find(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }

    /**
     * The template names the files of a configuration folder give, valid templates or not (their problems are
     * {@link #check}'s), to check playbooks against.
     */
    public static Set<String> namesIn(Path configDir) {
        return TemplateReader.namesWritten(ConfigFiles.load(configDir, FOLDER));
    }

    /** Checks the templates of a configuration folder without starting Lodestar, for {@code ./lodestar config check}. */
    public static ConfigCheck.Outcome check(Path configDir) {
        List<String> checked = new ArrayList<>();
        List<ConfigProblem> problems = new ArrayList<>();
        try {
            for (OutreachTemplate t : TemplateReader.readAll(ConfigFiles.load(configDir, FOLDER))) {
                checked.add("outreach template " + t.name() + " (" + t.origin() + ", " + t.channel().label() + ", "
                        + t.fields().size() + " merge fields)");
            }
        } catch (ConfigInvalid e) {
            problems.addAll(e.problems());
        }
        return new ConfigCheck.Outcome(checked, problems);
    }
}
