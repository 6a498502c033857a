package org.lodestar.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import picocli.CommandLine.Option;

/** Where the data lives: the embedded database's folder, or a PostgreSQL URL. */
class DatabaseOptions {

    static final String H2_SETTINGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE;WRITE_DELAY=0";

    @Option(names = "--data", paramLabel = "DIR", description = "Folder of the embedded database and its config folder (default: lodestar-data; for demo: "
            + "lodestar-demo).")
    Path data;

    @Option(names = "--db-url", paramLabel = "JDBC_URL",
            description = "PostgreSQL JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/lodestar?user=lodestar "
                    + "(default: env LODESTAR_DB_URL, else the embedded database).")
    String dbUrl;

    Path defaultData = Path.of("lodestar-data");

    Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        String url = url();
        if (url != null) {
            if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "--db-url / LODESTAR_DB_URL: expected a JDBC URL starting with jdbc:postgresql:, got '" + url + "'");
            }
            properties.put("spring.datasource.url", url);
        } else {
            properties.put("spring.datasource.url", "jdbc:h2:file:" + dataFolder().resolve("lodestar") + H2_SETTINGS);
        }
        // The server and every tool read the same configuration folder, whichever database they use.
        properties.put("lodestar.data-dir", dataFolder().toString());
        properties.put("lodestar.config-dir", configDir().toString());
        return properties;
    }

    /** The data folder: --data, else the command's default. */
    Path dataFolder() {
        return (data != null ? data : defaultData).toAbsolutePath().normalize();
    }

    /** Where the configuration files are read from: {@code config} in the data folder. */
    Path configDir() {
        return dataFolder().resolve("config");
    }

    /** The PostgreSQL URL given by --db-url or LODESTAR_DB_URL; null for the embedded database. */
    String url() {
        String url = dbUrl != null ? dbUrl : System.getenv("LODESTAR_DB_URL");
        return url == null || url.isBlank() ? null : url;
    }

    String describe() {
        String url = url();
        if (url != null) {
            return url.replaceAll("password=[^&]*", "password=***");
        }
        return "embedded database in " + dataFolder();
    }
}
