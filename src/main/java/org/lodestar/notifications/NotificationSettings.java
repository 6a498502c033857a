package org.lodestar.notifications;

/**
 * A user's notifications: the daily digest (on, and its hour in UTC) and Slack alerts on high-severity signals (on,
 * and a webhook of their own; null for the team's). Without settings stored, {@link #DEFAULTS}.
 */
public record NotificationSettings(boolean dailyDigest, int digestHour, boolean slackAlerts, String slackWebhook) {

    public static final NotificationSettings DEFAULTS = new NotificationSettings(true, 7, true, null);

    /** As written to the audit log: a webhook URL is a secret (anyone holding it can post), so only whether one is set. */
    NotificationSettings withoutSecrets() {
        return new NotificationSettings(dailyDigest, digestHour, slackAlerts, slackWebhook == null ? null : "(set)");
    }
}
