package org.lodestar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import picocli.CommandLine;

/** The help of the backup, restore, export and import commands says what each option does, with examples, and no null. */
class BackupAndExportHelpTest {

    @ParameterizedTest
    @ValueSource(strings = { "backup", "restore", "export", "import" })
    void helpIsCompleteWithExamples(String command) {
        CommandLine line = LodestarCommand.commandLine().getSubcommands().get(command);
        String help = line.getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertThat(help).contains("Examples:", "  ./lodestar " + command + " ", "--data=DIR", "--db-url=JDBC_URL")
                .doesNotContain("null");
        line.getCommandSpec().options().forEach(option -> assertThat(option.description()).as(command + " "
                + option.longestName()).isNotEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = { "backup", "restore", "export" })
    void theNewCommandsAreListed(String command) {
        String top = LodestarCommand.commandLine().getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertThat(top).contains("  " + command + " ");
    }
}
