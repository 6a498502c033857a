package org.lodestar.notifications.internal;

import org.lodestar.notifications.NotificationSettings;
import org.lodestar.notifications.Notifications;
import org.lodestar.people.SignedIn;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Your own notification settings and digest. */
@RestController
@Tag(name = "Notifications", description = "Your daily digest and Slack alerts")
class NotificationsApi {

    @Schema(example = """
            {"dailyDigest": true, "digestHour": 7, "slackAlerts": false}""")
    record SettingsChange(Boolean dailyDigest, Integer digestHour, Boolean slackAlerts, String slackWebhook) {
    }

    private final Notifications notifications;

    NotificationsApi(Notifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping("/api/me/notifications")
    @Operation(summary = "Your notification settings", description = "The daily digest (on, hour in UTC) and Slack alerts "
            + "on high-severity signals of your accounts (on, your own webhook or none for the team's).")
    NotificationSettings settings(@AuthenticationPrincipal SignedIn me) {
        return notifications.settings(me.user().id());
    }

    @PutMapping("/api/me/notifications")
    @Operation(summary = "Change your notification settings", description = "dailyDigest, digestHour (0-23, UTC), "
            + "slackAlerts, slackWebhook (an incoming webhook URL; empty for the team's). A missing field keeps its value.")
    NotificationSettings change(@AuthenticationPrincipal SignedIn me, @RequestBody SettingsChange change) {
        return notifications.update(me.user().id(), change.dailyDigest(), change.digestHour(), change.slackAlerts(),
                change.slackWebhook());
    }

    @GetMapping("/api/me/digest")
    @Operation(summary = "Your digest as it would go out now", description = "Nothing is sent.")
    Notifications.Digest preview(@AuthenticationPrincipal SignedIn me) {
        return notifications.previewDigest(me.user());
    }

    @ApiResponse(responseCode = "200", description = "The digest as sent")
    @ApiResponse(responseCode = "422", description = "Refused: the contact unsubscribed, the guard stops the "
            + "message, a template field has no value, or email or Slack is not set up; the detail says which")
    @ApiResponse(responseCode = "502", description = "Delivery failed: the mail server or Slack did not take the "
            + "message")
    @PostMapping("/api/me/digest")
    @Operation(summary = "Send your digest now", description = "By email, to you; what changed is counted from your last "
            + "digest.")
    Notifications.Digest send(@AuthenticationPrincipal SignedIn me) {
        return notifications.sendDigest(me.user());
    }
}
