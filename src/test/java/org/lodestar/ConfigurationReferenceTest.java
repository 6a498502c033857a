package org.lodestar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every setting has its line in the configuration reference (docs/operations.md): each {@code lodestar.*} property
 * and {@code LODESTAR_*} variable that application.properties sets or reads, and each {@code ${lodestar.…}}
 * placeholder ({@code @Value}, scheduled passes), {@code @ConfigurationProperties("lodestar.…")} prefix and
 * {@code System.getenv("LODESTAR_…")} of the main sources. A new one left out of the page fails here.
 */
class ConfigurationReferenceTest {

    private static final Path REFERENCE = Path.of("docs/operations.md");
    private static final Path PROPERTIES = Path.of("src/main/resources/application.properties");
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern PROPERTY_LINE = Pattern.compile("^(lodestar\\.[a-z0-9.\\-]+)\\s*=", Pattern.MULTILINE);
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(LODESTAR_[A-Z0-9_]+)");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(lodestar\\.[a-z0-9.\\-]+)");
    private static final Pattern PROPERTIES_PREFIX = Pattern.compile("@ConfigurationProperties\\(\"(lodestar\\.[a-z0-9.\\-]+)\"\\)");
    private static final Pattern ENVIRONMENT_READ = Pattern.compile("getenv\\(\"(LODESTAR_[A-Z0-9_]+)\"\\)");

    @Test
    void everyPropertyAndVariableIsInTheReference() throws IOException {
        Set<String> settings = new TreeSet<>();
        String properties = Files.readString(PROPERTIES);
        collect(PROPERTY_LINE, properties, settings);
        collect(VARIABLE, properties, settings);
        collect(PLACEHOLDER, properties, settings);
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                collect(PLACEHOLDER, source, settings);
                collect(PROPERTIES_PREFIX, source, settings);
                collect(ENVIRONMENT_READ, source, settings);
            }
        }
        assertThat(settings).as("the settings found (the scan itself works)").contains("lodestar.data-dir", "LODESTAR_DB_URL",
                "lodestar.health.recompute-cron", "lodestar.segments", "lodestar.security.throttle.window");

        String reference = Files.readString(REFERENCE);
        // Named in code quotes: the setting itself, or a prefix with its properties beneath it.
        Set<String> missing = new TreeSet<>(settings.stream()
                .filter(s -> !reference.contains("`" + s + "`") && !reference.contains("`" + s + ".")).toList());
        assertThat(missing).as("settings missing from the configuration reference in " + REFERENCE
                + " (add each to its area's table, with its environment variable, default and meaning)").isEmpty();
    }

    private static void collect(Pattern pattern, String text, Set<String> into) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            into.add(matcher.group(1).replaceAll("\\.$", ""));
        }
    }
}
