package org.lodestar.notifications;

import java.math.BigDecimal;
import java.net.URI;
import java.sql.Date;
import java.sql.Timestamp;
import java.text.DecimalFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.lodestar.accounts.Account;
import org.lodestar.accounts.Accounts;
import org.lodestar.audit.AuditLog;
import org.lodestar.cluster.ClusterLocks;
import org.lodestar.errors.InvalidInput;
import org.lodestar.outreach.Outreach;
import org.lodestar.people.User;
import org.lodestar.people.Users;
import org.lodestar.playbooks.Play;
import org.lodestar.playbooks.Playbooks;
import org.lodestar.signals.Severity;
import org.lodestar.signals.Signal;
import org.lodestar.signals.Signals;
import org.lodestar.signals.SignalsChanged;
import org.lodestar.worklist.WorkItem;
import org.lodestar.worklist.Worklist;
import org.lodestar.worklist.WorklistView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Each user's daily digest and Slack alerts. The digest (email, at the user's hour in UTC, once a day, on one node)
 * is their Today — the accounts that fit the day with their tasks, the count beyond it — and what changed on their
 * accounts since the last digest: signals fired and cleared, plays started. A signal of high severity firing on one of
 * their accounts is posted to Slack at once: to their own webhook if they set one, else to the team's, naming them.
 * Both can be turned off per user ({@link NotificationSettings}).
 */
@Service
public class Notifications {

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);
    /** Accounts a digest lists in full; the rest are counted. */
    private static final int LISTED = 10;

    /** Whether the missing Slack webhook was logged already. */
    private final AtomicBoolean slackMissingSaid = new AtomicBoolean();
    private final JdbcClient jdbc;
    private final Users users;
    private final Worklist worklist;
    private final Signals signals;
    private final Playbooks playbooks;
    private final Accounts accounts;
    private final Outreach outreach;
    private final AuditLog audit;
    private final ClusterLocks locks;
    private final Clock clock;
    private final String baseUrl;
    private final List<String> webhookPrefixes;

    /**
     * @param webhookUrls what a user's own Slack webhook may start with: anyone can set one, and Lodestar posts to it, so
     *        it must not point inside the network Lodestar runs in
     */
    Notifications(JdbcClient jdbc, Users users, Worklist worklist, Signals signals, Playbooks playbooks, Accounts accounts,
            Outreach outreach, AuditLog audit, ClusterLocks locks, Clock clock,
            @Value("${lodestar.base-url:http://localhost:8080}") String baseUrl,
            @Value("${lodestar.notifications.webhook-urls:https://hooks.slack.com/}") List<String> webhookUrls) {
        this.webhookPrefixes = webhookUrls.stream().map(String::strip).filter(prefix -> !prefix.isEmpty()).toList();
        for (String prefix : webhookPrefixes) {
            URI uri = parsed(prefix);
            if (uri == null || uri.getHost() == null || !prefix.endsWith("/")
                    || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                throw new IllegalStateException("lodestar.notifications.webhook-urls: expected http or https URLs ending in "
                        + "/ (such as https://hooks.slack.com/), separated by commas; got '" + prefix + "'");
            }
        }
        this.jdbc = jdbc;
        this.users = users;
        this.worklist = worklist;
        this.signals = signals;
        this.playbooks = playbooks;
        this.accounts = accounts;
        this.outreach = outreach;
        this.audit = audit;
        this.locks = locks;
        this.clock = clock;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public NotificationSettings settings(long userId) {
        return jdbc.sql("select daily_digest, digest_hour, slack_alerts, slack_webhook from notification_setting where user_id = ?")
                .param(userId).query((rs, n) -> new NotificationSettings(rs.getBoolean(1), rs.getInt(2), rs.getBoolean(3),
                        rs.getString(4)))
                .optional().orElse(NotificationSettings.DEFAULTS);
    }

    /** The settings users chose, by user id; a user who never changed theirs has {@link NotificationSettings#DEFAULTS}. */
    public Map<Long, NotificationSettings> chosen() {
        Map<Long, NotificationSettings> byUser = new LinkedHashMap<>();
        jdbc.sql("select user_id, daily_digest, digest_hour, slack_alerts, slack_webhook from notification_setting order by user_id")
                .query(rs -> {
                    byUser.put(rs.getLong(1), new NotificationSettings(rs.getBoolean(2), rs.getInt(3), rs.getBoolean(4),
                            rs.getString(5)));
                });
        return byUser;
    }

    /**
     * Stores settings read back from a whole-book export (without a webhook of the user's own: a secret an export
     * leaves out) unless the user chose settings already (theirs are kept); audited. Whether they were stored.
     */
    public boolean restoreOnce(long userId, NotificationSettings settings) {
        if (jdbc.sql("select count(*) from notification_setting where user_id = ?").param(userId).query(Long.class)
                .single() > 0) {
            return false;
        }
        update(userId, settings.dailyDigest(), settings.digestHour(), settings.slackAlerts(), null);
        return true;
    }

    /** Changes a user's settings, checked field by field; a missing field keeps its value. */
    public NotificationSettings update(long userId, Boolean dailyDigest, Integer digestHour, Boolean slackAlerts,
            String slackWebhook) {
        NotificationSettings before = settings(userId);
        var problems = new InvalidInput.Collector();
        if (digestHour != null && (digestHour < 0 || digestHour > 23)) {
            problems.add("digestHour", "expected the hour of the day (UTC) to send the digest, 0 to 23, got " + digestHour);
        }
        String webhook = slackWebhook == null ? before.slackWebhook() : slackWebhook.isBlank() ? null : slackWebhook.strip();
        if (webhook != null && (webhook.length() > 500 || !allowedWebhook(webhook))) {
            problems.add("slackWebhook", "expected a Slack incoming webhook URL starting with "
                    + String.join(" or ", webhookPrefixes) + " (up to 500 characters), or empty for the team's");
        }
        problems.throwIfAny();
        NotificationSettings after = new NotificationSettings(dailyDigest == null ? before.dailyDigest() : dailyDigest,
                digestHour == null ? before.digestHour() : digestHour, slackAlerts == null ? before.slackAlerts() : slackAlerts,
                webhook);
        Timestamp now = Timestamp.from(clock.instant());
        if (jdbc.sql("update notification_setting set daily_digest = ?, digest_hour = ?, slack_alerts = ?, slack_webhook = ?, "
                + "updated_at = ? where user_id = ?").params(after.dailyDigest(), after.digestHour(), after.slackAlerts(),
                        after.slackWebhook(), now, userId).update() == 0) {
            jdbc.sql("insert into notification_setting (user_id, daily_digest, digest_hour, slack_alerts, slack_webhook, "
                    + "updated_at) values (?, ?, ?, ?, ?, ?)").params(userId, after.dailyDigest(), after.digestHour(),
                            after.slackAlerts(), after.slackWebhook(), now).update();
        }
        audit.updated("notification-settings", userId, "Changed the notification settings of " + users.get(userId).email(),
                before.withoutSecrets(), after.withoutSecrets());
        return after;
    }

    /**
     * Whether a user's own webhook starts with one of {@code lodestar.notifications.webhook-urls}: a well-formed URL
     * without user info (so {@code https://hooks.slack.com@elsewhere/} is not taken for Slack's).
     */
    private boolean allowedWebhook(String text) {
        URI uri = parsed(text);
        return uri != null && uri.getHost() != null && uri.getRawUserInfo() == null
                && webhookPrefixes.stream().anyMatch(prefix -> text.regionMatches(true, 0, prefix, 0, prefix.length()));
    }

    private static URI parsed(String text) {
        try {
            return new URI(text);
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    /** A digest ready to send. */
    public record Digest(String to, String subject, String body) {
    }

    /** The digest of a user now: their Today, and what changed on their accounts since {@code since}. */
    public Digest digest(User user, Instant since) {
        WorklistView today = worklist.forOwner(user.email());
        List<Long> mine = accounts.idsOwnedBy(user.id());
        List<Signal> changed = mine.isEmpty() ? List.of() : signals.changedSince(mine, since);
        List<Play> started = mine.isEmpty() ? List.of() : playbooks.startedSince(mine, since);
        DecimalFormat money = new DecimalFormat("#,##0");
        StringBuilder body = new StringBuilder();
        body.append("Today for ").append(user.name()).append(" (").append(today.today()).append(")\n\n");
        body.append(today.items().size()).append(today.items().size() == 1 ? " account, " : " accounts, ")
                .append(today.openTasks()).append(today.openTasks() == 1 ? " open task" : " open tasks").append(" (")
                .append(today.overdueTasks()).append(" overdue), ").append(today.accountsNeedingAttention())
                .append(" needing attention");
        if (!today.overflow().isEmpty()) {
            body.append("; ").append(today.overflow().size()).append(" more beyond a day's work");
        }
        body.append(".\n");
        int n = 0;
        for (WorkItem item : today.items()) {
            if (++n > LISTED) {
                body.append("\n...and ").append(today.items().size() - LISTED).append(" more on your Today.\n");
                break;
            }
            body.append("\n").append(n).append(". ").append(item.accountName()).append(" (")
                    .append(item.band() == null ? "unscored" : item.band()).append(", ")
                    .append(money.format(item.arr() == null ? BigDecimal.ZERO : item.arr())).append(" ARR")
                    .append(item.renewalDate() == null ? "" : ", renews " + item.renewalDate()).append(")\n   ")
                    .append(item.reason()).append("\n");
            for (WorkItem.TaskLine task : item.tasks()) {
                body.append("   - ").append(task.title()).append(": ").append(task.reason()).append("\n");
            }
        }
        if (today.items().isEmpty() && today.overflow().isEmpty()) {
            body.append("\nNothing is due today.\n");
            today.next().forEach(next -> body.append("- ").append(next.text()).append("\n"));
        }
        body.append("\nSince ").append(ZonedDateTime.ofInstant(since, ZoneOffset.UTC).toLocalDate()).append(":\n");
        Map<String, List<String>> lines = new LinkedHashMap<>();
        lines.put("Signals fired", new ArrayList<>());
        lines.put("Signals cleared", new ArrayList<>());
        lines.put("Plays started", new ArrayList<>());
        for (Signal s : changed) {
            if (s.firedAt().isAfter(since)) {
                lines.get("Signals fired").add(s.accountName() + ": " + s.summary() + " (" + s.severity().label() + ")");
            }
            if (s.resolvedAt() != null && s.resolvedAt().isAfter(since)) {
                lines.get("Signals cleared").add(s.accountName() + ": no longer so: " + s.summary());
            }
        }
        started.forEach(p -> lines.get("Plays started").add(p.accountName() + ": " + p.playbook() + " (" + p.reason() + ")"));
        boolean any = false;
        for (Map.Entry<String, List<String>> part : lines.entrySet()) {
            if (part.getValue().isEmpty()) {
                continue;
            }
            any = true;
            body.append(part.getKey()).append(":\n");
            part.getValue().forEach(line -> body.append("- ").append(line).append("\n"));
        }
        if (!any) {
            body.append("Nothing changed on your accounts.\n");
        }
        body.append("\nOpen your Today: ").append(baseUrl).append("/today\n")
                .append("Change or stop this digest: ").append(baseUrl).append("/me/notifications\n");
        String subject = "Your day in Lodestar: " + today.items().size() + (today.items().size() == 1 ? " account, " : " accounts, ")
                + today.openTasks() + (today.openTasks() == 1 ? " task" : " tasks") + (today.overdueTasks() > 0
                        ? " (" + today.overdueTasks() + " overdue)" : "") + " on " + today.today();
        return new Digest(user.email(), subject, body.toString());
    }

    /** A user's digest as it would go out now; nothing is sent. */
    public Digest previewDigest(User user) {
        return digest(user, since(user, clock.instant()));
    }

    /** What changed is counted from the user's last digest, else from a day before. */
    private Instant since(User user, Instant now) {
        Timestamp last = jdbc.sql("select max(sent_at) from digest_sent where user_id = ?").param(user.id())
                .query(Timestamp.class).list().stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
        return last == null ? now.minus(Duration.ofDays(1)) : last.toInstant();
    }

    /** Sends a user's digest now and notes it sent today. */
    public Digest sendDigest(User user) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Digest digest = digest(user, since(user, now));
        outreach.emailTeamMember(digest.to(), digest.subject(), digest.body());
        if (jdbc.sql("update digest_sent set sent_at = ? where user_id = ? and on_date = ?")
                .params(Timestamp.from(now), user.id(), Date.valueOf(today)).update() == 0) {
            jdbc.sql("insert into digest_sent (user_id, on_date, sent_at) values (?, ?, ?)")
                    .params(user.id(), Date.valueOf(today), Timestamp.from(now)).update();
        }
        return digest;
    }

    /**
     * Sends the digests due this hour (UTC): to enabled users with the digest on, at this hour, who own accounts and
     * have not had today's. Returns how many went out; one that fails is logged and tried again next hour.
     */
    public int sendDueDigests() {
        Instant now = clock.instant();
        int hour = ZonedDateTime.ofInstant(now, ZoneOffset.UTC).getHour();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        int sent = 0;
        for (User user : users.list()) {
            NotificationSettings settings = settings(user.id());
            if (!user.enabled() || !settings.dailyDigest() || settings.digestHour() > hour
                    || accounts.idsOwnedBy(user.id()).isEmpty()
                    || jdbc.sql("select count(*) from digest_sent where user_id = ? and on_date = ?")
                            .params(user.id(), Date.valueOf(today)).query(Long.class).single() > 0) {
                continue;
            }
            try {
                sendDigest(user);
                sent++;
            } catch (RuntimeException e) {
                log.warn("The digest of {} was not sent: {}", user.email(), e.getMessage());
            }
        }
        return sent;
    }

    @Scheduled(cron = "${lodestar.notifications.digest-cron:0 0 * * * *}", zone = "UTC")
    void hourly() {
        locks.runOnce("daily-digests", Duration.ofMinutes(30), Duration.ofMinutes(5), () -> {
            int sent = sendDueDigests();
            if (sent > 0) {
                log.info("Sent {} daily digests", sent);
            }
        });
    }

    /** After signals are stored: a high-severity signal fired on an account is posted to its CSM's Slack. */
    @ApplicationModuleListener
    void on(SignalsChanged changed) {
        for (Signal signal : changed.fired()) {
            if (signal.severity() == Severity.HIGH) {
                alert(signal);
            }
        }
    }

    /** Posts one alert; returns false when its owner turned alerts off or it could not be posted (logged). */
    boolean alert(Signal signal) {
        Account account = accounts.get(signal.accountId());
        if (account.owner() == null) {
            return false;
        }
        NotificationSettings settings = settings(account.owner().id());
        if (!settings.slackAlerts()) {
            return false;
        }
        if (settings.slackWebhook() != null && !allowedWebhook(settings.slackWebhook())) {
            // Set before the allowed URLs changed: the team's channel gets it instead.
            settings = new NotificationSettings(settings.dailyDigest(), settings.digestHour(), true, null);
        }
        String text = (settings.slackWebhook() == null ? account.owner().name() + ": " : "") + "high-severity signal on "
                + account.name() + " (" + new DecimalFormat("#,##0").format(account.arr() == null ? BigDecimal.ZERO : account.arr())
                + " ARR): " + signal.summary() + " " + baseUrl + "/accounts/" + account.id();
        if (settings.slackWebhook() == null && !outreach.slackConfigured()) {
            // Said once, not once per alert: a book whose signals fire by the dozen would bury the log in it.
            if (slackMissingSaid.compareAndSet(false, true)) {
                log.warn("Slack is not set up (LODESTAR_SLACK_WEBHOOK): high-severity alerts are not posted, they stay "
                        + "in Lodestar's notifications and worklists");
            }
            return false;
        }
        try {
            outreach.postToSlack(settings.slackWebhook(), text);
            return true;
        } catch (RuntimeException e) {
            log.warn("The Slack alert for {} on {} was not posted: {}", signal.rule(), account.name(), e.getMessage());
            return false;
        }
    }
}
