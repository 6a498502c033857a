package org.lodestar.plans;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.lodestar.config.ConfigFiles;
import org.lodestar.config.ConfigInvalid;
import org.lodestar.config.ConfigProblem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The success-plan templates in force: the shipped ones under {@code config/plans/}, each replaced by a file of the
 * same name in {@code <config dir>/plans/}, others there added. Read at start-up, so a bad file stops the start.
 */
@Component
public class PlanTemplates {

    public static final String FOLDER = "plans";

    private final List<PlanTemplate> templates;

    PlanTemplates(@Value("${lodestar.config-dir:${lodestar.data-dir}/config}") Path configDir) {
        this.templates = read(configDir);
    }

    public static List<PlanTemplate> read(Path configDir) {
        return new PlanTemplateReader().readAll(ConfigFiles.load(configDir, FOLDER));
    }

    /** What a check of the templates found: a line for each good template, and every problem. */
    public record Check(List<String> checked, List<ConfigProblem> problems) {
    }

    /** Checks the templates of a configuration folder without starting Lodestar, for {@code ./lodestar config check}. */
    public static Check check(Path configDir) {
        try {
            List<String> checked = new ArrayList<>();
            for (PlanTemplate t : read(configDir)) {
                checked.add("plan template " + t.name() + " (" + t.file() + ", " + t.outcomes().size() + " outcomes, "
                        + t.outcomes().stream().mapToInt(o -> o.milestones().size()).sum() + " milestones)");
            }
            return new Check(checked, List.of());
        } catch (ConfigInvalid e) {
            return new Check(List.of(), e.problems());
        }
    }

    /** Names of the templates of a configuration folder, for checking the playbooks that name one. */
    public static List<String> namesIn(Path configDir) {
        return read(configDir).stream().map(PlanTemplate::name).toList();
    }

    public List<PlanTemplate> all() {
        return templates;
    }

    public Optional<PlanTemplate> find(String name) {
        return templates.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public boolean exists(String name) {
        return find(name).isPresent();
    }
}
