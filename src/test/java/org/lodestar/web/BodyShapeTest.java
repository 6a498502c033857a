package org.lodestar.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lodestar.errors.InvalidInput.Problem;
import org.lodestar.infrastructure.StrictValues;

import tools.jackson.databind.json.JsonMapper;

/** The body check on its own: every bad field, with its path and what was expected. */
class BodyShapeTest {

    enum Stage { ONBOARDING, MATURE }

    record Line(String plan, Integer seats, BigDecimal arr) {
    }

    record Draft(String name, long ownerId, Boolean autoRenew, LocalDate startDate, Instant at, Stage stage,
            List<Line> lines, Map<String, String> vars) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static List<Problem> problems(String json) {
        return BodyShape.problems(JSON, StrictValues.readTree(JSON, json.getBytes(StandardCharsets.UTF_8)), Draft.class);
    }

    @Test
    void aFittingBodyHasNoProblems() {
        assertThat(problems("{\"name\":\"Acme\",\"ownerId\":7,\"autoRenew\":true,\"startDate\":\"2026-01-31\","
                + "\"at\":\"2026-01-31T14:00:00+01:00\",\"stage\":\"MATURE\",\"lines\":[{\"plan\":\"pro\",\"seats\":3,"
                + "\"arr\":1200.50}],\"vars\":{\"first\":\"Ana\"}}")).isEmpty();
    }

    @Test
    void everyBadFieldIsListedWithItsPath() {
        assertThat(problems("{\"name\":123,\"ownerId\":1.5,\"autoRenew\":1,\"startDate\":20240101,\"at\":1700000000,"
                + "\"stage\":\"happy\",\"lines\":[{\"plan\":\"pro\",\"seats\":\"3\",\"arr\":\"12\"}],\"vars\":{\"a\":1},"
                + "\"colour\":\"red\"}"))
                .extracting(Problem::field).containsExactlyInAnyOrder("colour", "name", "ownerId", "autoRenew",
                        "startDate", "at", "stage", "lines[0].seats", "lines[0].arr", "vars.a");
    }

    @Test
    void textDatesAndNumbersWithinWhatTheDatabaseHolds() {
        assertThat(problems("{\"ownerId\":1,\"name\":\"a\\u0000b\"}")).singleElement().satisfies(p -> assertThat(p)
                .isEqualTo(new Problem("name", "contains a NUL character (U+0000) at position 2; text may not contain it")));
        assertThat(problems("{\"ownerId\":1,\"name\":\"ab\\ud800\"}")).extracting(Problem::reason).singleElement()
                .asString().startsWith("contains a lone UTF-16 surrogate (U+D800) at position 3");
        assertThat(problems("{\"ownerId\":1,\"startDate\":\"10000-01-01\",\"at\":\"+999999999-12-31T23:59:59Z\"}"))
                .extracting(Problem::field).containsExactly("startDate", "at");
        assertThat(problems("{\"ownerId\":1,\"lines\":[{\"arr\":1e400},{\"arr\":1e-400},{\"arr\":-1e400}]}"))
                .extracting(Problem::field).containsExactly("lines[0].arr", "lines[1].arr", "lines[2].arr");
        assertThat(problems("{\"ownerId\":99999999999999999999}")).extracting(Problem::reason).singleElement()
                .asString().startsWith("expected a whole number from");
    }

    @Test
    void aMissingPrimitiveIsRequired() {
        assertThat(problems("{\"name\":\"Acme\"}")).containsExactly(new Problem("ownerId",
                "is required; expected a whole number"));
        assertThat(problems("{\"ownerId\":null}")).containsExactly(new Problem("ownerId",
                "is required; expected a whole number, got null"));
    }
}
