package org.lodestar.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.lodestar.accounts.Accounts;
import org.lodestar.demo.DemoBook;
import org.lodestar.demo.DemoSummary;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", description = {
        "Run Lodestar with a generated demo book (a realistic company of 360+ accounts).",
        "The book is generated once, into an empty database; later runs reuse it." })
class DemoCommand implements Callable<Integer> {

    /** The demo's login password unless LODESTAR_ADMIN_PASSWORD is set: it is a demo on your machine. */
    static final String DEMO_PASSWORD = "lodestar-demo";

    @Mixin
    DatabaseOptions database;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated book (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws InterruptedException {
        database.defaultData = Path.of("lodestar-demo");
        String envPassword = System.getenv("LODESTAR_ADMIN_PASSWORD");
        String password = envPassword == null || envPassword.isBlank() ? DEMO_PASSWORD : envPassword;
        ConfigurableApplicationContext context = Instance.server(database, port,
                java.util.Map.of("lodestar.admin.password", password));
        Accounts accounts = context.getBean(Accounts.class);
        if (accounts.count() == 0) {
            System.out.println("Generating the demo book (seed " + seed + ") ...");
            DemoSummary summary = context.getBean(DemoBook.class).generate(seed, password, System.out::println);
            System.out.printf("Demo book ready: %d accounts, %d contacts, %d subscriptions, %d timeline entries, "
                    + "ARR today %,.0f, %d CSMs%n", summary.accounts(), summary.stakeholders(), summary.subscriptions(),
                    summary.timelineEntries(), summary.currentArr(), summary.csms());
        } else {
            System.out.println("Using the existing book in the " + database.describe() + " (" + accounts.count()
                    + " accounts); delete that folder for a fresh demo.");
        }
        String admin = context.getEnvironment().getProperty("lodestar.admin.email");
        System.out.println();
        System.out.println("Lodestar demo is running at http://localhost:" + port);
        System.out.println("Log in as " + admin + " with password " + password
                + " (the demo's CSMs, such as maya.chen@lodestar.demo, use the same password).");
        System.out.println("Press Ctrl+C to stop.");
        Thread.currentThread().join();
        return 0;
    }
}
