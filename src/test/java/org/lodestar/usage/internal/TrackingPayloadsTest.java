package org.lodestar.usage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;


import org.lodestar.usage.TrackedMessage;
import org.lodestar.usage.TrackingRejected;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/** Reading tracking bodies without a server: what is stored as sent, and what is still refused. */
class TrackingPayloadsTest {

    private static final Instant RECEIVED = Instant.parse("2026-12-06T10:00:00Z");

    private final TrackingPayloads payloads = new TrackingPayloads(JsonMapper.builder().build());

    private List<TrackedMessage> batch(String body) {
        return payloads.read("batch", body.getBytes(StandardCharsets.UTF_8), RECEIVED).messages();
    }

    @Test
    void aBatchItemKeptAsItCameIsStoredAsSentSpacingEscapesAndNumbersIncluded() {
        String item = "{ \"type\": \"track\",\n \"userId\": \"u1\", \"event\": \"caf\\u00e9\\/menu\", "
                + "\"messageId\": \"m1\", \"properties\": {\"amount\": 1.50, \"big\": 1e400} }";
        List<TrackedMessage> messages = batch("{\"sentAt\":\"2026-12-06T09:59:00Z\", \"batch\": [" + item + "]}");

        assertThat(messages).singleElement().satisfies(m -> {
            assertThat(m.payload()).isEqualTo(item);
            assertThat(m.event()).isEqualTo("café/menu");
            assertThat(m.messageId()).isEqualTo("m1");
        });
    }

    @Test
    void eachItemOfABatchIsCutAtItsOwnBracesWhateverComesAfterTheBatch() {
        List<TrackedMessage> messages = batch("""
                {"batch":[{"type":"track","userId":"u1","event":"A","messageId":"a","properties":{"x":[1,{"y":"}"}]}} ,
                {"type":"page", "anonymousId":"x","name":"Home","messageId":"b"}],"sentAt":"2026-12-06T09:59:00Z"}""");

        assertThat(messages).extracting(TrackedMessage::payload).containsExactly(
                "{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"A\",\"messageId\":\"a\","
                        + "\"properties\":{\"x\":[1,{\"y\":\"}\"}]}}",
                "{\"type\":\"page\", \"anonymousId\":\"x\",\"name\":\"Home\",\"messageId\":\"b\"}");
    }

    @Test
    void anItemThatGainsTheBatchContextOrLosesItsWriteKeyIsWrittenOutAgain() {
        List<TrackedMessage> messages = batch("""
                {"context":{"library":{"name":"analytics-java"}},"batch":[
                  {"type":"track","userId":"u1","event":"A","messageId":"a"}]}""");
        assertThat(messages.getFirst().payload())
                .isEqualTo("{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"A\",\"messageId\":\"a\","
                        + "\"context\":{\"library\":{\"name\":\"analytics-java\"}}}");

        messages = batch("{\"batch\":[{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"A\",\"writeKey\":\"secret\"}]}");
        assertThat(messages.getFirst().payload()).doesNotContain("writeKey").doesNotContain("secret");
    }

    @Test
    void textThatCannotBeStoredIsStillRefusedWhereverItHides() {
        assertThatThrownBy(() -> batch("{\"batch\":[{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"A\","
                + "\"properties\":{\"note\":\"a\\u0000b\"}}]}"))
                .isInstanceOf(TrackingRejected.class).hasMessageContaining("NUL");
        assertThatThrownBy(() -> batch("{\"batch\":[{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"A\","
                + "\"properties\":{\"\\ud800\":1}}]}"))
                .isInstanceOf(TrackingRejected.class).hasMessageContaining("surrogate");
        assertThat(TrackingPayloads.mayHoldRefusedText("{\"a\":\"plain ünïcødé\"}".getBytes(StandardCharsets.UTF_8)))
                .isFalse();
        assertThat(TrackingPayloads.mayHoldRefusedText("{\"a\":\"\\\\u\"}".getBytes(StandardCharsets.UTF_8)))
                .as("an escaped backslash before a u is only suspected, and then checked in full").isTrue();
    }

    @Test
    void aBodyThatIsNotOneBatchObjectIsRefusedAsBefore() {
        String call = "{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"A\"}";
        assertThatThrownBy(() -> batch("{\"batch\":[" + call + "]} trailing"))
                .isInstanceOf(TrackingRejected.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> batch("{\"batch\":[" + call))
                .isInstanceOf(TrackingRejected.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> batch("{\"batch\":{\"type\":\"track\"}}"))
                .isInstanceOf(TrackingRejected.class).hasMessageContaining("expected an array of calls");
        assertThatThrownBy(() -> batch("{\"batch\":[42]}"))
                .isInstanceOf(TrackingRejected.class).hasMessageContaining("batch[0]");
    }

    @Test
    void theUsualFormOfAnInstantIsReadAsTheFormatterReadsItAndAnyOtherIsLeftToIt() {
        for (String text : List.of("2026-11-22T09:30:00Z", "2026-11-22T09:30:00.1Z", "2026-11-22T09:30:00.123Z",
                "2024-02-29T23:59:59.999999999Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.5Z")) {
            assertThat(TrackingPayloads.utcInstant(text)).as(text).isEqualTo(OffsetDateTime.parse(text).toInstant());
        }
        for (String text : List.of("2026-11-22T09:30:00+01:00", "2026-11-22T09:30:00.Z", "2026-11-22 09:30:00Z",
                "2025-02-29T10:00:00Z", "2026-11-22T24:00:00Z", "2026-11-22T09:60:00Z", "2026-13-01T00:00:00Z",
                "2026-11-22T09:30:00.1234567890Z", "+2026-11-22T09:30:00Z", "2026-11-22T09:30:0xZ",
                " 2026-11-22T09:30:00Z")) {
            assertThat(TrackingPayloads.utcInstant(text)).as(text).isNull();
        }
        assertThatThrownBy(() -> batch("{\"batch\":[{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"A\","
                + "\"timestamp\":\"0000-12-31T00:00:00Z\"}]}"))
                .isInstanceOf(TrackingRejected.class).hasMessageContaining("batch[0].timestamp");
    }
}
