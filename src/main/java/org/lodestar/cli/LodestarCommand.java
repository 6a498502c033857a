package org.lodestar.cli;

import picocli.CommandLine.Command;

/** {@code ./lodestar}: the top of the command line. */
@Command(name = "lodestar", mixinStandardHelpOptions = true, version = "Lodestar 0.1.0",
        description = "The open-source customer success platform.",
        subcommands = { ServeCommand.class, DemoCommand.class, ImportCommand.class, UsersCommand.class,
                TokensCommand.class, WriteKeysCommand.class, ReportCommand.class, PlanCommand.class, BenchmarkCommand.class },
        scope = picocli.CommandLine.ScopeType.INHERIT)
public class LodestarCommand implements Runnable {

    public static void main(String[] args) {
        System.exit(new picocli.CommandLine(new LodestarCommand()).execute(args));
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
