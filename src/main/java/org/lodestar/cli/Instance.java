package org.lodestar.cli;

import java.util.HashMap;
import java.util.Map;

import org.lodestar.Lodestar;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts Lodestar for a command: the web server for serve and demo, or just the core for the tools. */
final class Instance {

    /** --verbose: the frameworks' start-up lines on the console too, as LODESTAR_LOG_LEVEL=info gives them. */
    static volatile boolean verbose;

    private Instance() {
    }

    /**
     * How much the console says: by default Lodestar's own lines (for a tool, only its warnings, as the tool prints
     * what it did) and the frameworks' warnings; with --verbose everything at INFO. LODESTAR_LOG_LEVEL, when set,
     * is left to application.properties.
     */
    private static void logging(Map<String, Object> properties, boolean tool) {
        if (verbose) {
            properties.put("logging.level.root", "info");
            properties.put("logging.level.org.lodestar", "info");
            properties.put("spring.main.log-startup-info", "true");
        } else if (System.getenv("LODESTAR_LOG_LEVEL") == null && tool) {
            properties.put("logging.level.org.lodestar", "warn");
        }
    }

    /** As command-line arguments, so they win over application.properties and the environment. */
    private static String[] arguments(Map<String, Object> properties) {
        return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    /** Configuration problems stop a command before Lodestar starts, listed with file, line and field. */
    private static void checkConfiguration(DatabaseOptions database) {
        org.lodestar.health.ConfigCheck.Outcome outcome = ConfigCommand.checkAll(database.configDir());
        if (!outcome.problems().isEmpty()) {
            throw new org.lodestar.config.ConfigInvalid(outcome.problems());
        }
    }

    static ConfigurableApplicationContext tool(DatabaseOptions database) {
        checkConfiguration(database);
        Map<String, Object> properties = new HashMap<>(database.properties());
        logging(properties, true);
        properties.put("lodestar.contracts.refresh-cron", "-");
        properties.put("lodestar.health.recompute-cron", "-");
        properties.put("lodestar.health.recompute-on-start", "false");
        properties.put("lodestar.signals.live", "false");
        // Events a server left incomplete are the servers' to publish again, not a short-lived tool's.
        properties.put("spring.modulith.events.republish-outstanding-events-on-restart", "false");
        return new SpringApplicationBuilder(Lodestar.class).web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF)
                .run(arguments(properties));
    }

    static ConfigurableApplicationContext server(DatabaseOptions database, int port) {
        return server(database, port, Map.of());
    }

    static ConfigurableApplicationContext server(DatabaseOptions database, int port, Map<String, Object> extra) {
        checkConfiguration(database);
        Map<String, Object> properties = new HashMap<>(database.properties());
        properties.putAll(extra);
        properties.put("server.port", port);
        logging(properties, false);
        return new SpringApplicationBuilder(Lodestar.class).web(WebApplicationType.SERVLET).run(arguments(properties));
    }
}
