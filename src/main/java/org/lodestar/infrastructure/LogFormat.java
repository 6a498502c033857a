package org.lodestar.infrastructure;

import java.util.Locale;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code LODESTAR_LOG_FORMAT} ({@code lodestar.log-format}): {@code text}, the default, writes the console log as lines
 * for people; {@code json} (Elastic Common Schema), {@code ecs}, {@code logstash} or {@code gelf} write one JSON object a
 * line, through Spring Boot's structured logging ({@code logging.structured.format.console}, which, when set, wins).
 */
public class LogFormat implements EnvironmentPostProcessor {

    static final String PROPERTY = "lodestar.log-format";
    static final String BOOT_PROPERTY = "logging.structured.format.console";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String format = structured(environment.getProperty(PROPERTY));
        if (format != null && !environment.containsProperty(BOOT_PROPERTY)) {
            environment.getPropertySources().addLast(new MapPropertySource("lodestarLogFormat", Map.of(BOOT_PROPERTY, format)));
        }
    }

    /**
     * What is wrong with the log format asked for by {@code -Dlodestar.log-format} or {@code LODESTAR_LOG_FORMAT} (the
     * property wins, as in Spring), or null: checked before anything starts, so a typo is one line, not the stack
     * trace of a start that failed.
     */
    public static String problem(String property, String environment) {
        try {
            structured(property != null ? property : environment);
            return null;
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    /** Spring Boot's name of the structured format asked for; null for text lines. */
    static String structured(String asked) {
        String format = asked == null ? "" : asked.strip().toLowerCase(Locale.ROOT);
        return switch (format) {
            case "", "text" -> null;
            case "json", "ecs" -> "ecs";
            case "logstash", "gelf" -> format;
            default -> throw new IllegalStateException("LODESTAR_LOG_FORMAT (" + PROPERTY + "): expected text, json, ecs, "
                    + "logstash or gelf; got '" + asked + "'");
        };
    }
}
