package org.lodestar.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.lodestar.LodestarTest;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Lodestar's own JSON mapper coerces nothing, even where no body check runs before it. */
@LodestarTest
class StrictJacksonTest {

    record Sample(String name, Integer seats, Boolean autoRenew, LocalDate startDate, Instant at) {
    }

    @Autowired
    JsonMapper json;

    @Test
    void scalarsAreNotCoerced() {
        assertThatThrownBy(() -> json.readValue("{\"name\":123}", Sample.class)).isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> json.readValue("{\"name\":true}", Sample.class)).isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> json.readValue("{\"seats\":1.5}", Sample.class)).isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> json.readValue("{\"seats\":\"12\"}", Sample.class)).isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> json.readValue("{\"autoRenew\":\"true\"}", Sample.class))
                .isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> json.readValue("{\"autoRenew\":1}", Sample.class)).isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> json.readValue("{\"startDate\":20240101}", Sample.class))
                .isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> json.readValue("{\"at\":1700000000}", Sample.class)).isInstanceOf(JacksonException.class);
        assertThat(json.readValue("{\"name\":\"Acme\",\"seats\":12,\"autoRenew\":true,\"startDate\":\"2026-01-31\","
                + "\"at\":\"2026-01-31T14:00:00Z\"}", Sample.class)).isEqualTo(new Sample("Acme", 12, true,
                        LocalDate.of(2026, 1, 31), Instant.parse("2026-01-31T14:00:00Z")));
    }
}
