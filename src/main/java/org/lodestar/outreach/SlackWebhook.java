package org.lodestar.outreach;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Posts alerts to a Slack incoming webhook as {@code {"text": ...}}. The webhook URL is a secret:
 * no error message repeats it.
 */
@Component
class SlackWebhook {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String url;
    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    SlackWebhook(@Value("${lodestar.outreach.slack-webhook-url:}") String url) {
        this.url = url == null ? "" : url.strip();
    }

    boolean configured() {
        return !url.isEmpty();
    }

    void post(String text) {
        if (!configured()) {
            throw new OutreachRefused("Slack is not set up: set LODESTAR_SLACK_WEBHOOK (lodestar.outreach.slack-webhook-url) "
                    + "to an incoming webhook URL. Nothing was sent.", List.of(), false);
        }
        post(url, text);
    }

    /** Posts to a webhook of someone's own (a person's channel); the same checks and answers as the team's. */
    void post(String webhook, String text) {
        URI target;
        try {
            target = URI.create(webhook);
        } catch (IllegalArgumentException e) {
            target = null;
        }
        if (target == null || target.getHost() == null
                || !("https".equals(target.getScheme()) || "http".equals(target.getScheme()))) {
            throw new OutreachRefused("The Slack webhook setting (lodestar.outreach.slack-webhook-url) is not an http(s) "
                    + "URL. Nothing was sent.", List.of(), false);
        }
        HttpRequest request = HttpRequest.newBuilder(target).timeout(TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("text", text)),
                        StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new DeliveryFailed("Slack could not be reached (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "). Nothing was sent.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailed("Interrupted while posting to Slack; the alert may not have arrived.", e);
        }
        if (response.statusCode() / 100 != 2) {
            String answer = response.body() == null ? "" : response.body().strip();
            throw new DeliveryFailed("Slack answered " + response.statusCode()
                    + (answer.isEmpty() ? "" : " (" + (answer.length() > 200 ? answer.substring(0, 200) + "…" : answer) + ")")
                    + " instead of accepting the alert. Nothing was sent.", null);
        }
    }

    /** Slack reads &, < and > as markup; merged values are escaped so a name like "R&D <Labs>" shows as written. */
    static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
