package org.lodestar.signals;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.lodestar.config.ConfigFiles;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The signal rules in force: the shipped {@code config/signals/*.yaml}, each replaced by a file of the
 * same name in {@code <config dir>/signals/}, others there added. Checked at start-up like the scorecards.
 */
@Component
public class SignalConfiguration {

    public static final String FOLDER = "signals";

    private final List<SignalRule> rules;

    SignalConfiguration(@Value("${lodestar.config-dir:${lodestar.data-dir}/config}") Path configDir) {
        this.rules = read(configDir);
    }

    /** Reads and checks the rules of a configuration folder; a {@link org.lodestar.config.ConfigInvalid} lists every problem. */
    public static List<SignalRule> read(Path configDir) {
        return new SignalRuleReader().readAll(ConfigFiles.load(configDir, FOLDER));
    }

    /** The rule keys the files of a configuration folder give, valid rules or not, to check playbooks against. */
    public static Set<String> keysIn(Path configDir) {
        return SignalRuleReader.keysWritten(ConfigFiles.load(configDir, FOLDER));
    }

    public List<SignalRule> rules() {
        return rules;
    }

    public SignalRule rule(String key) {
        return rules.stream().filter(r -> r.key().equals(key)).findFirst().orElse(null);
    }
}
