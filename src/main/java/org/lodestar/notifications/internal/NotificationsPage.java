package org.lodestar.notifications.internal;

import java.util.Map;

import org.lodestar.errors.InvalidInput;
import org.lodestar.notifications.Notifications;
import org.lodestar.people.SignedIn;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Your notification settings, with the digest as it would go out now. */
@Controller
class NotificationsPage {

    private final Notifications notifications;

    NotificationsPage(Notifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping("/me/notifications")
    String page(@AuthenticationPrincipal SignedIn me, Model model) {
        model.addAttribute("settings", notifications.settings(me.user().id()));
        model.addAttribute("digest", notifications.previewDigest(me.user()));
        return "notifications";
    }

    @PostMapping("/me/notifications")
    String save(@AuthenticationPrincipal SignedIn me, @RequestParam(defaultValue = "false") boolean dailyDigest,
            @RequestParam(defaultValue = "7") int digestHour, @RequestParam(defaultValue = "false") boolean slackAlerts,
            @RequestParam(defaultValue = "") String slackWebhook, @RequestParam(defaultValue = "false") boolean teamChannel,
            Model model) {
        try {
            // A blank field keeps the webhook set before (it is never shown back); the box goes back to the team's.
            notifications.update(me.user().id(), dailyDigest, digestHour, slackAlerts,
                    teamChannel ? "" : slackWebhook.isBlank() ? null : slackWebhook);
            model.addAttribute("notice", "Saved.");
        } catch (InvalidInput e) {
            model.addAttribute("errors", e.named(Map.of("slackWebhook", "My own Slack webhook", "digestHour", "Sent at")));
        }
        return page(me, model);
    }
}
