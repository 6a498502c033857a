package org.lodestar.playbooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import org.lodestar.accounts.Stakeholder;
import org.lodestar.accounts.StakeholderRole;
import org.lodestar.accounts.StakeholderStatus;
import org.lodestar.accounts.Stakeholders;
import org.lodestar.audit.Actor;
import org.lodestar.audit.Actors;
import org.lodestar.cluster.ClusterLocks;
import org.lodestar.errors.InvalidInput;
import org.lodestar.outreach.DeliveryFailed;
import org.lodestar.outreach.Outreach;
import org.lodestar.outreach.OutreachRefused;
import org.lodestar.outreach.OutreachRequest;
import org.lodestar.outreach.Sent;
import org.lodestar.tasks.Task;
import org.lodestar.tasks.Tasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Sends the outreach that plays on tech-touch and digital accounts leave to Lodestar, when it falls due: to the
 * account's active contact in the step's role (the longest known first), from the step's template. What cannot go out
 * for a reason of the account's (no such contact, a merge field without a value, the wrong-customer guard) becomes a
 * task for the account's CSM, saying why. When the mail server is not set up or does not take a message, that is the
 * setup's problem, not the accounts': the pass stops, the messages wait for the next one, and {@link #waiting} says
 * how many wait and why (on Team). Runs on one node at a time, every {@code lodestar.playbooks.automated-outreach-delay}.
 */
@Service
public class AutomatedOutreach {

    private static final Logger log = LoggerFactory.getLogger(AutomatedOutreach.class);
    private static final int AT_ONCE = 500;

    /**
     * What one pass did: messages sent, tasks handed to a person, and tasks closed without sending because the same
     * email had gone to the same person within {@code lodestar.playbooks.automated-outreach-repeat-after}.
     */
    public record Pass(int sent, int handedOver, int alreadySent) {

        public Pass(int sent, int handedOver) {
            this(sent, handedOver, 0);
        }
    }

    /** Due messages waiting for the mail server, and what it last said (on this node). */
    public record Waiting(int messages, String reason) {
    }

    private final Tasks tasks;
    private final Outreach outreach;
    private final Stakeholders stakeholders;
    private final ClusterLocks locks;
    private final Clock clock;
    private final Duration repeatAfter;
    /** Why the last pass could not send (the mail server's answer), or null once a message went out. */
    private volatile String mailProblem;

    /**
     * @param repeatAfter how long after an email went to a person the same template may go to them again
     *        automatically; zero sends every time
     */
    AutomatedOutreach(Tasks tasks, Outreach outreach, Stakeholders stakeholders, ClusterLocks locks, Clock clock,
            @Value("${lodestar.playbooks.automated-outreach-repeat-after:P30D}") Duration repeatAfter) {
        if (repeatAfter.isNegative()) {
            throw new IllegalStateException("lodestar.playbooks.automated-outreach-repeat-after must be zero or more "
                    + "(such as P30D); got " + repeatAfter);
        }
        this.repeatAfter = repeatAfter;
        this.tasks = tasks;
        this.outreach = outreach;
        this.stakeholders = stakeholders;
        this.locks = locks;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${lodestar.playbooks.automated-outreach-delay:PT5M}",
            initialDelayString = "${lodestar.playbooks.automated-outreach-delay:PT5M}")
    void onSchedule() {
        locks.runOnce("automated-outreach", Duration.ofMinutes(10), Duration.ZERO, this::sendDue);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** Sends what is due today or earlier; returns how many went out and how many were handed to a person. */
    public Pass sendDue() {
        if (!outreach.emailConfigured()) {
            mailProblem = "email is not set up (LODESTAR_SMTP_HOST)";
            return new Pass(0, 0);
        }
        return Actors.runAs(Actor.system(), () -> {
            Map<Result, Integer> done = new EnumMap<>(Result.class);
            for (Task task : tasks.dueAutomated(today(), AT_ONCE)) {
                try {
                    Result result = send(task);
                    done.merge(result, 1, Integer::sum);
                    if (result == Result.SENT) {
                        mailProblem = null;
                    }
                } catch (DeliveryFailed e) {
                    mailProblem = e.getMessage();
                    log.warn("Automated outreach stopped: {}", e.getMessage());
                    break;
                }
            }
            Pass pass = new Pass(done.getOrDefault(Result.SENT, 0), done.getOrDefault(Result.HANDED_OVER, 0),
                    done.getOrDefault(Result.SENT_BEFORE, 0));
            if (!done.isEmpty()) {
                log.info("Automated outreach: {} sent, {} handed to a person, {} not sent again", pass.sent(),
                        pass.handedOver(), pass.alreadySent());
            }
            return pass;
        });
    }

    /** Automated outreach due and waiting because the mail server could not take it; none when it could. */
    public Waiting waiting() {
        String problem = mailProblem;
        if (problem == null && outreach.emailConfigured()) {
            return new Waiting(0, null);
        }
        int due = tasks.dueAutomated(today(), AT_ONCE).size();
        return new Waiting(due, due == 0 ? null : problem != null ? problem : "email is not set up (LODESTAR_SMTP_HOST)");
    }

    /** What became of one task's message. */
    private enum Result {
        SENT,
        /** The same email went to the same person lately: the task is closed, saying when. */
        SENT_BEFORE,
        /** It could not go out for a reason of the account's: the task is a person's now, saying why. */
        HANDED_OVER
    }

    private Result send(Task task) {
        StakeholderRole role = task.outreachTo() == null ? StakeholderRole.CHAMPION : StakeholderRole.of(task.outreachTo());
        Optional<Stakeholder> contact = stakeholders.list(task.accountId()).stream()
                .filter(s -> s.role() == role && s.status() == StakeholderStatus.ACTIVE && s.email() != null)
                .min(Comparator.comparing(Stakeholder::id));
        if (contact.isEmpty()) {
            return handOver(task, "the account has no active " + role.label().replace('-', ' ') + " with an email address");
        }
        Optional<Instant> last = repeatAfter.isZero() ? Optional.empty()
                : outreach.lastSent(task.accountId(), task.outreach(), contact.get().email())
                        .filter(at -> at.isAfter(clock.instant().minus(repeatAfter)));
        if (last.isPresent()) {
            tasks.sentBefore(task.id(), contact.get().email(), LocalDate.ofInstant(last.get(), ZoneOffset.UTC));
            return Result.SENT_BEFORE;
        }
        try {
            Sent sent = outreach.send(new OutreachRequest(task.outreach(), task.accountId(), contact.get().id(), Map.of()));
            tasks.sentAutomatically(task.id(), sent.to());
            return Result.SENT;
        } catch (InvalidInput | OutreachRefused e) {
            return handOver(task, e.getMessage());
        } catch (DeliveryFailed e) {
            if (e.recipientRefused()) {
                return handOver(task, e.getMessage());
            }
            throw e;
        }
    }

    private Result handOver(Task task, String reason) {
        tasks.escalate(task.id(), reason);
        return Result.HANDED_OVER;
    }
}
