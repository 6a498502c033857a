package org.lodestar.cli;

import java.util.concurrent.Callable;

import org.lodestar.health.ConfigCheck;
import org.lodestar.outreach.OutreachTemplates;
import org.lodestar.playbooks.PlaybookConfiguration;
import org.lodestar.plans.PlanTemplates;
import org.lodestar.worklist.TimeSplitConfiguration;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "config", description = "Configuration as code.", subcommands = ConfigCommand.Check.class)
class ConfigCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Every configuration file of the folder: scorecards, outreach templates, signal rules, playbooks, plan templates and the time split. */
    static ConfigCheck.Outcome checkAll(java.nio.file.Path configDir) {
        PlanTemplates.Check plans = PlanTemplates.check(configDir);
        TimeSplitConfiguration.Check timeSplit = TimeSplitConfiguration.check(configDir);
        return ConfigCheck.check(configDir).plus(OutreachTemplates.check(configDir)).plus(PlaybookConfiguration.check(configDir))
                .plus(new ConfigCheck.Outcome(plans.checked(), plans.problems()))
                .plus(new ConfigCheck.Outcome(timeSplit.checked(), timeSplit.problems()));
    }

    @Command(name = "check", description = { "Checks the configuration files (scorecards, outreach templates, signal rules, playbooks, plan templates, time split): the shipped ones "
            + "and those in <data>/config.",
            "Exit code 0 when all are valid, 2 with every problem listed (file:line: field: problem) otherwise." })
    static class Check implements Callable<Integer> {

        @Mixin
        DatabaseOptions database;

        @Override
        public Integer call() {
            ConfigCheck.Outcome outcome = checkAll(database.configDir());
            System.out.println("Configuration in " + database.configDir() + " (shipped defaults where it has no file)");
            outcome.checked().forEach(line -> System.out.println("  ok  " + line));
            outcome.problems().forEach(p -> System.out.println("  ERROR  " + p));
            System.out.println(outcome.problems().isEmpty() ? "Configuration is valid."
                    : outcome.problems().size() + " problem(s): nothing was changed.");
            return outcome.problems().isEmpty() ? 0 : 2;
        }
    }
}
