package org.lodestar.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", description = "Run Lodestar's web UI and API.")
class ServeCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Override
    public Integer call() throws InterruptedException {
        // Said at once: starting takes some seconds, and the frameworks keep quiet meanwhile.
        System.out.println("Starting Lodestar on the " + database.describe() + " ...");
        Instance.server(database, port);
        System.out.println("Lodestar is running at http://localhost:" + port + " on the " + database.describe());
        Thread.currentThread().join();
        return 0;
    }
}
