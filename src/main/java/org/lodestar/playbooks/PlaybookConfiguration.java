package org.lodestar.playbooks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.lodestar.accounts.SegmentBands;
import org.lodestar.config.ConfigFiles;
import org.lodestar.config.ConfigInvalid;
import org.lodestar.config.ConfigProblem;
import org.lodestar.health.ConfigCheck;
import org.lodestar.outreach.OutreachTemplates;
import org.lodestar.plans.PlanTemplates;
import org.lodestar.signals.SignalConfiguration;
import org.lodestar.signals.SignalRule;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The playbooks in force: the shipped library under {@code config/playbooks/}, each replaced by a file
 * of the same name in {@code <config dir>/playbooks/}, others there added. Checked at start-up against
 * the signal rules and outreach templates in force.
 */
@Component
public class PlaybookConfiguration {

    public static final String FOLDER = "playbooks";

    private final List<PlaybookDefinition> playbooks;

    PlaybookConfiguration(@Value("${lodestar.config-dir:${lodestar.data-dir}/config}") Path configDir,
            SignalConfiguration signals, SegmentBands segments, OutreachTemplates templates, PlanTemplates plans) {
        this.playbooks = read(configDir, signals.rules(), segments.names(), templates::exists, plans::exists);
    }

    public static List<PlaybookDefinition> read(Path configDir, List<SignalRule> rules, List<String> segments,
            Predicate<String> templateExists, Predicate<String> planExists) {
        Set<String> keys = rules.stream().map(SignalRule::key).collect(Collectors.toSet());
        return read(configDir, keys, segments, templateExists, planExists);
    }

    private static List<PlaybookDefinition> read(Path configDir, Set<String> ruleKeys, List<String> segments,
            Predicate<String> templateExists, Predicate<String> planExists) {
        return new PlaybookReader(ruleKeys, segments, templateExists, planExists).readAll(ConfigFiles.load(configDir, FOLDER));
    }

    /**
     * Checks the signal rules and playbooks of a configuration folder without starting Lodestar, for
     * {@code ./lodestar config check}. Playbooks are checked against the rule keys and template names the files
     * there give, even when those rules or templates have problems of their own (reported by their checks), so
     * one check lists every problem of every kind of file.
     */
    public static ConfigCheck.Outcome check(Path configDir) {
        List<String> checked = new ArrayList<>();
        List<ConfigProblem> problems = new ArrayList<>();
        try {
            List<SignalRule> rules = SignalConfiguration.read(configDir);
            checked.add("signal rules: " + rules.size() + " (" + String.join(", ", rules.stream().map(SignalRule::key).toList()) + ")");
        } catch (ConfigInvalid e) {
            problems.addAll(e.problems());
        }
        // A rule or template file that cannot be read at all (not UTF-8) is reported by its own check; without
        // the rule keys every playbook would be blamed for its trigger, so they are left until it is fixed.
        Set<String> ruleKeys;
        try {
            ruleKeys = SignalConfiguration.keysIn(configDir);
        } catch (ConfigInvalid e) {
            return new ConfigCheck.Outcome(checked, problems);
        }
        Predicate<String> templates;
        try {
            templates = OutreachTemplates.namesIn(configDir)::contains;
        } catch (ConfigInvalid e) {
            templates = name -> true;
        }
        Predicate<String> plans;
        try {
            plans = PlanTemplates.namesIn(configDir)::contains;
        } catch (ConfigInvalid e) {
            plans = name -> true;
        }
        try {
            for (PlaybookDefinition p : read(configDir, ruleKeys, new SegmentBands().names(), templates, plans)) {
                checked.add("playbook " + p.name() + " (" + p.file() + ", " + p.steps().size() + " steps)");
            }
        } catch (ConfigInvalid e) {
            problems.addAll(e.problems());
        }
        return new ConfigCheck.Outcome(checked, problems);
    }

    public List<PlaybookDefinition> playbooks() {
        return playbooks;
    }

    public PlaybookDefinition playbook(String name) {
        return playbooks.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }
}
