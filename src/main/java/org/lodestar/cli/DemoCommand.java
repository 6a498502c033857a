package org.lodestar.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.lodestar.accounts.Accounts;
import org.lodestar.demo.DemoBook;
import org.lodestar.demo.DemoProgress;
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
        database.dataFromEnvironment = false;
        String envPassword = System.getenv("LODESTAR_ADMIN_PASSWORD");
        String password = envPassword == null || envPassword.isBlank() ? DEMO_PASSWORD : envPassword;
        System.out.println("Starting the Lodestar demo on the " + database.describe() + " ...");
        // Until the book is known to be there, pages wait and sign-ins are refused (DemoGate).
        ConfigurableApplicationContext context = Instance.server(database, port,
                Map.of("lodestar.admin.password", password, "lodestar.demo.awaiting-book", "true"));
        Accounts accounts = context.getBean(Accounts.class);
        DemoProgress progress = context.getBean(DemoProgress.class);
        String url = "http://localhost:" + port;
        if (accounts.count() == 0) {
            System.out.println("Lodestar is up at " + url + " and generating the demo book (seed " + seed
                    + "); the page there shows how far it is, and sign-in opens when it is complete.");
            DemoSummary summary = context.getBean(DemoBook.class).generate(seed, password, line -> {
                DemoProgress.Snapshot now = progress.snapshot();
                System.out.printf("[%3d%%, %3d s] %s%n", now.percent(), now.elapsed().toSeconds(), line);
            });
            System.out.printf("Demo book ready: %d accounts, %d contacts, %d subscriptions, %d timeline entries, "
                    + "ARR today %,.0f, %d CSMs%n", summary.accounts(), summary.stakeholders(), summary.subscriptions(),
                    summary.timelineEntries(), summary.currentArr(), summary.csms());
        } else {
            progress.ready();
            System.out.println("Using the existing book in the " + database.describe() + " (" + accounts.count()
                    + " accounts); delete that folder for a fresh demo.");
        }
        String admin = context.getEnvironment().getProperty("lodestar.admin.email");
        System.out.println();
        System.out.println("Lodestar demo is running at " + url);
        System.out.println("Sign in with password " + password + " as:");
        System.out.println("  " + admin + " (admin: opens on the Team page; people, tokens and settings too)");
        System.out.println("  rachel.goldberg@lodestar.demo (CS leader: opens on the Team page, the whole team's book)");
        System.out.println("  maya.chen@lodestar.demo (CSM: opens on Today, her worklist; seven more CSMs are listed in the "
                + "README)");
        System.out.println("Press Ctrl+C to stop.");
        Thread.currentThread().join();
        return 0;
    }
}
