package org.lodestar.cli;

import picocli.CommandLine.Command;

/** {@code ./lodestar}: the top of the command line. */
@Command(name = "lodestar", mixinStandardHelpOptions = true, version = "Lodestar 0.1.0",
        description = "The open-source customer success platform.",
        subcommands = { ServeCommand.class, DemoCommand.class, ImportCommand.class, UsersCommand.class,
                TokensCommand.class, WriteKeysCommand.class, ReportCommand.class, PlanCommand.class, HealthCommand.class, ModelCommand.class, PlaybooksCommand.class, ConfigCommand.class,
                BenchmarkCommand.class },
        scope = picocli.CommandLine.ScopeType.INHERIT)
public class LodestarCommand implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, with invalid configuration reported as its list of problems instead of a stack trace. */
    static picocli.CommandLine commandLine() {
        return new picocli.CommandLine(new LodestarCommand()).setExecutionExceptionHandler((e, line, parsed) -> {
            Throwable cause = e;
            while (cause != null && !(cause instanceof org.lodestar.config.ConfigInvalid)) {
                cause = cause.getCause();
            }
            if (cause == null) {
                throw e;
            }
            line.getErr().println(cause.getMessage());
            return 2;
        });
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
