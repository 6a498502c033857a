package org.lodestar.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code LODESTAR_LOG_FORMAT=json} makes a started application write its console log as one JSON object a line. */
@ExtendWith(OutputCaptureExtension.class)
class LogFormatTest {

    @Configuration(proxyBeanMethods = false)
    static class Nothing {
    }

    @AfterEach
    void backToTheTestLog() throws Exception {
        LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
        logback.reset();
        new ContextInitializer(logback).autoConfig();
    }

    @Test
    void jsonWritesEachLineAsAnEcsObject(CapturedOutput output) {
        try (ConfigurableApplicationContext started = new SpringApplicationBuilder(Nothing.class)
                .web(WebApplicationType.NONE)
                // As LODESTAR_LOG_FORMAT=json would; the log set up as Spring Boot sets it up without a logback file.
                .run("--lodestar.log-format=json", "--logging.config=classpath:logback-structured-console.xml")) {
            LoggerFactory.getLogger(LogFormatTest.class).info("Rescored 3 accounts");
        }

        List<String> lines = output.getOut().lines().filter(line -> !line.isBlank()).toList();
        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}"));
        JsonNode ours = lines.stream().map(line -> JsonMapper.builder().build().readTree(line))
                .filter(json -> json.path("message").asString("").equals("Rescored 3 accounts")).findFirst().orElseThrow();
        assertThat(ours.get("log").get("level").asString()).isEqualTo("INFO");
        assertThat(ours.get("log").get("logger").asString()).isEqualTo(LogFormatTest.class.getName());
        assertThat(ours.get("ecs").get("version").asString()).isNotBlank();
        assertThat(ours.has("@timestamp")).isTrue();
    }

    @Test
    void aFormatNotKnownIsOneLineNamingWhatIsExpected_ThePropertyBeforeTheEnvironment() {
        assertThat(LogFormat.problem(null, "xml")).isEqualTo("LODESTAR_LOG_FORMAT (lodestar.log-format): expected text, "
                + "json, ecs, logstash or gelf; got 'xml'");
        assertThat(LogFormat.problem("json", "xml")).isNull();
        assertThat(LogFormat.problem("yaml", "json")).contains("got 'yaml'");
        assertThat(LogFormat.problem(null, null)).isNull();
        assertThat(LogFormat.problem(null, " JSON ")).isNull();
    }

    @Test
    void theFormatsNameBootsOwnAndTextIsNone() {
        assertThat(LogFormat.structured("json")).isEqualTo("ecs");
        assertThat(LogFormat.structured(" ECS ")).isEqualTo("ecs");
        assertThat(LogFormat.structured("logstash")).isEqualTo("logstash");
        assertThat(LogFormat.structured("gelf")).isEqualTo("gelf");
        assertThat(LogFormat.structured("text")).isNull();
        assertThat(LogFormat.structured("")).isNull();
    }

    @Test
    void anUnknownFormatStopsTheStartSayingWhatIsExpected() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(Nothing.class).web(WebApplicationType.NONE)
                .run("--lodestar.log-format=xml").close())
                .hasMessage("LODESTAR_LOG_FORMAT (lodestar.log-format): expected text, json, ecs, logstash or gelf; got 'xml'");
    }
}
