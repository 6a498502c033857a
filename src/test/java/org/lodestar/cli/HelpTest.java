package org.lodestar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** {@code --help} of every command and subcommand is complete: what it does, examples, environment, real defaults. */
class HelpTest {

    @Test
    void everyCommandSaysWhatItDoesWithExamplesAndItsEnvironment() {
        List<String> problems = new ArrayList<>();
        List<String> walked = new ArrayList<>();
        walk(LodestarCommand.commandLine(), problems, walked);
        assertThat(walked).contains("lodestar", "lodestar demo", "lodestar users add", "lodestar health backtest",
                "lodestar import", "lodestar events detach");
        assertThat(problems).isEmpty();
    }

    @Test
    void theDataFolderSaysWhereItIsWhenNotGiven() {
        CommandLine serve = LodestarCommand.commandLine().getSubcommands().get("serve");
        assertThat(serve.getCommandSpec().findOption("--data").description()[0])
                .contains("(default: env LODESTAR_DATA, else ./lodestar-data; for demo: ./lodestar-demo)");
        String help = serve.getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertThat(help).containsOnlyOnce("Examples:").containsOnlyOnce("Environment:");
        assertThat(help).contains("Examples:", "  ./lodestar serve",
                "Environment:", "LODESTAR_DB_URL", "LODESTAR_ADMIN_PASSWORD", "LODESTAR_LOG_LEVEL", "--verbose");
        String users = LodestarCommand.commandLine().getSubcommands().get("users").getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertThat(users).as("a tool starts no server").doesNotContain("LODESTAR_ADMIN_PASSWORD");
    }

    private static void walk(CommandLine line, List<String> problems, List<String> walked) {
        CommandSpec spec = line.getCommandSpec();
        String name = spec.qualifiedName();
        walked.add(name);
        String help = line.getUsageMessage(CommandLine.Help.Ansi.OFF);
        String[] description = spec.usageMessage().description();
        if (description.length == 0 || description[0].isBlank()) {
            problems.add(name + ": no description");
        } else if (!description[0].strip().matches(".*[.?)]$")) {
            // The command list shows only the first line: it must be a whole sentence.
            problems.add(name + ": the summary line is cut off: '" + description[0] + "'");
        }
        if (help.contains("(default: null)")) {
            problems.add(name + ": shows (default: null)");
        }
        if (!help.contains("Examples:") || HelpText.examples(spec).isEmpty()) {
            problems.add(name + ": no examples");
        }
        for (String example : HelpText.examples(spec)) {
            String command = name.replaceFirst("^lodestar", "./lodestar");
            if (!example.contains(command)) {
                problems.add(name + ": the example '" + example + "' is not of this command");
            }
        }
        if (!help.contains("Environment:")) {
            problems.add(name + ": no environment section");
        }
        line.getSubcommands().values().stream().distinct().forEach(sub -> walk(sub, problems, walked));
    }
}
