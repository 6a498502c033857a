package org.lodestar.cli;

import org.lodestar.infrastructure.LogFormat;

import picocli.CommandLine.Command;

/** {@code ./lodestar}: the top of the command line. */
@Command(name = "lodestar", mixinStandardHelpOptions = true, version = "Lodestar 0.1.0",
        description = "The open-source customer success platform.",
        subcommands = { ServeCommand.class, DemoCommand.class, ImportCommand.class, UsersCommand.class,
                TokensCommand.class, WriteKeysCommand.class, ReportCommand.class, ReviewCommand.class, PlanCommand.class,
                HealthCommand.class, ModelCommand.class, PlaybooksCommand.class, ConfigCommand.class, EventsCommand.class, LoadsCommand.class,
                HygieneCommand.class, BackupCommand.class, RestoreCommand.class, ExportCommand.class },
        scope = picocli.CommandLine.ScopeType.INHERIT)
public class LodestarCommand implements Runnable {

    public static void main(String[] args) {
        String badLogFormat = LogFormat.problem(System.getProperty("lodestar.log-format"),
                System.getenv("LODESTAR_LOG_FORMAT"));
        if (badLogFormat != null) {
            System.err.println(badLogFormat);
            System.exit(2);
        }
        System.exit(commandLine().execute(args));
    }

    /** Where the benchmarks live: not in the production jar, but beside it (target/lodestar-bench.jar) or in the tests. */
    static final String BENCHMARKS = "org.lodestar.cli.BenchmarkCommand";

    /**
     * The command line, with invalid configuration reported as its list of problems instead of a stack trace. The
     * {@code benchmark} command is there when its classes are ({@code ./lodestar benchmark} adds them).
     */
    static picocli.CommandLine commandLine() {
        picocli.CommandLine line = new picocli.CommandLine(new LodestarCommand());
        try {
            line.addSubcommand(Class.forName(BENCHMARKS));
        } catch (ClassNotFoundException e) {
            line.addSubcommand("benchmark", new NoBenchmarks());
        }
        HelpText.addTo(line);
        return line.setExecutionExceptionHandler((e, failed, parsed) -> {
            Throwable cause = e;
            while (cause != null && !(cause instanceof org.lodestar.config.ConfigInvalid)) {
                cause = cause.getCause();
            }
            if (cause == null) {
                throw e;
            }
            failed.getErr().println(cause.getMessage());
            return 2;
        });
    }

    /** In place of the benchmarks when they were not added: says where they are instead of "unknown command". */
    @Command(name = "benchmark", description = "The performance benchmarks (PRODUCT §11): run them with ./lodestar "
            + "benchmark from a source checkout, which adds target/lodestar-bench.jar; they are not in the production jar.")
    static final class NoBenchmarks implements java.util.concurrent.Callable<Integer> {

        /** Whatever the benchmark was asked for with: the answer is the same. */
        @picocli.CommandLine.Unmatched
        java.util.List<String> asked;

        @Override
        public Integer call() {
            System.err.println("The benchmarks are not in this jar: run ./lodestar benchmark from a source checkout (it "
                    + "builds target/lodestar-bench.jar and adds it), or java -Dloader.path=target/lodestar-bench.jar -jar "
                    + "target/lodestar.jar benchmark ...");
            return 2;
        }
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Every command takes it (inherited): the frameworks' start-up and INFO lines on the console too. */
    @picocli.CommandLine.Option(names = "--verbose", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Also show the frameworks' log lines (Spring, Tomcat, Flyway, Hikari), as LODESTAR_LOG_LEVEL=info does.")
    void verbose(boolean verbose) {
        Instance.verbose = verbose;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
