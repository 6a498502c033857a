package org.lodestar.outreach;

import org.lodestar.outreach.internal.OutreachMessages;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.lodestar.accounts.Account;
import org.lodestar.accounts.AccountAliases;
import org.lodestar.accounts.AccountFilter;
import org.lodestar.accounts.AccountList;
import org.lodestar.accounts.Accounts;
import org.lodestar.accounts.Stakeholder;
import org.lodestar.accounts.StakeholderStatus;
import org.lodestar.accounts.Stakeholders;
import org.lodestar.accounts.Timeline;
import org.lodestar.accounts.TimelineEntry;
import org.lodestar.accounts.TimelineKind;
import org.lodestar.audit.Actors;
import org.lodestar.audit.AuditLog;
import org.lodestar.errors.InvalidInput;
import org.lodestar.infrastructure.AfterCommit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Prepares and sends messages from templates. A send checks everything first (the template, the
 * contact, every merge field has a value, and for email that no other customer is named), then
 * delivers, then records the message, a timeline entry and an audit entry together. A message the
 * guard stops is recorded as blocked and audited; nothing is delivered.
 */
@Service
public class Outreach {

    private static final int MAX_VARS = 30;
    private static final int VAR_LIMIT = 2000;
    private static final int SUBJECT_LIMIT = 300;
    private static final int BODY_LIMIT = 20_000;
    private static final String ENTITY = "outreach-message";

    private final OutreachTemplates templates;
    private final Accounts accounts;
    private final Stakeholders stakeholders;
    private final MergeValues mergeValues;
    private final MailDelivery mail;
    private final SlackWebhook slack;
    private final OutreachMessages messages;
    private final Timeline timeline;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final AccountAliases aliases;
    private final MeterRegistry meters;

    /** Why a message to a customer's contact or to Slack did not go out, as {@code lodestar.outreach.blocked} counts it. */
    enum Blocked {
        /** The wrong-customer guard stopped it: it names another customer. */
        WRONG_CUSTOMER,
        /** A merge field it uses has no value for the account. */
        MISSING_FIELD,
        /** Its channel is not set up (no mail server, no Slack webhook). */
        NOT_CONFIGURED;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    Outreach(OutreachTemplates templates, Accounts accounts, Stakeholders stakeholders, MergeValues mergeValues,
            MailDelivery mail, SlackWebhook slack, OutreachMessages messages, Timeline timeline, AuditLog audit,
            PlatformTransactionManager transactions, Clock clock, AccountAliases aliases, MeterRegistry meters) {
        this.meters = meters;
        // Registered at zero, so that a rate over them starts from the first scrape.
        for (Channel channel : Channel.values()) {
            sent(channel);
            failed(channel);
            for (Blocked reason : Blocked.values()) {
                if (reason != Blocked.WRONG_CUSTOMER || channel == Channel.EMAIL) {
                    blocked(channel, reason);
                }
            }
        }
        this.aliases = aliases;
        this.templates = templates;
        this.accounts = accounts;
        this.stakeholders = stakeholders;
        this.mergeValues = mergeValues;
        this.mail = mail;
        this.slack = slack;
        this.messages = messages;
        this.timeline = timeline;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * An email to a Lodestar user (a digest, a notice), not to a customer's contact: no template, no guard, nothing on
     * an account's timeline. Throws {@link DeliveryFailed} or {@link OutreachRefused} as {@link #send} does.
     */
    public void emailTeamMember(String to, String subject, String body) {
        mail.send(to, null, subject, body);
    }

    /** Posts a message to Slack: to {@code webhook} (someone's own) or, when null, to the team's configured one. */
    public void postToSlack(String webhook, String text) {
        if (webhook == null || webhook.isBlank()) {
            slack.post(text);
        } else {
            slack.post(webhook.strip(), text);
        }
    }

    /** Whether the team's Slack webhook is configured (someone's own webhook does not need it). */
    public boolean slackConfigured() {
        return slack.configured();
    }

    /** Whether email can go out at all (a mail server is configured); Slack alerts do not depend on it. */
    public boolean emailConfigured() {
        return mail.configured();
    }

    /** The message as it would go out, with an em dash for each field without a value and what the guard thinks. */
    public Preview preview(OutreachRequest request) {
        Draft draft = prepare(request, false);
        return new Preview(draft.template.name(), draft.template.channel(), draft.account.id(), draft.account.name(),
                request.contactId(), draft.recipient(), draft.subject.text(), draft.body.text(), draft.missing(),
                draft.guard().map(named -> CustomerGuard.reason(draft.account.name(), named)).orElse(null));
    }

    /** Sends the message, or refuses with the reason (400 for bad input, 422 for a refusal, 502 for a failed delivery). */
    public Sent send(OutreachRequest request) {
        Draft draft = prepare(request, true);
        List<String> missing = draft.missing();
        List<InvalidInput.Problem> missingVars = missing.stream().filter(f -> f.startsWith(MergeFields.VARS))
                .map(f -> new InvalidInput.Problem(f, "the template " + draft.template.name() + " uses {{" + f
                        + "}}; give it a value"))
                .toList();
        if (!missingVars.isEmpty()) {
            throw new InvalidInput(missingVars);
        }
        if (!missing.isEmpty()) {
            blocked(draft.template.channel(), Blocked.MISSING_FIELD).increment();
            throw new OutreachRefused("The template " + draft.template.name() + " uses " + String.join(", ", missing)
                    + ", which " + (missing.size() == 1 ? "has" : "have") + " no value for " + draft.account.name()
                    + ". Nothing was sent.", missing, false);
        }
        return deliver(draft);
    }

    /** An email written by hand, as it would go out, with what the guard thinks. */
    public Preview preview(FreeTextEmail email) {
        Draft draft = compose(email, false);
        return new Preview(draft.template.name(), draft.template.channel(), draft.account.id(), draft.account.name(),
                email.contactId(), draft.recipient(), draft.subject.text(), draft.body.text(), List.of(),
                draft.guard().map(named -> CustomerGuard.reason(draft.account.name(), named)).orElse(null));
    }

    /** Sends an email written by hand, through the same guard as a template's: refused when it names another customer. */
    public Sent send(FreeTextEmail email) {
        return deliver(compose(email, true));
    }

    private Sent deliver(Draft draft) {
        Optional<CustomerGuard.Named> named = draft.guard();
        if (named.isPresent()) {
            String reason = CustomerGuard.reason(draft.account.name(), named.get());
            transaction.executeWithoutResult(status -> {
                OutreachMessage blocked = record(draft, OutreachMessage.Status.BLOCKED, reason);
                audit.record("block", ENTITY, blocked.id(), "Blocked " + draft.template.name() + " to "
                        + draft.recipient() + " at " + draft.account.name() + ": it names " + named.get().customer(),
                        null, blocked);
                AfterCommit.run(() -> blocked(Channel.EMAIL, Blocked.WRONG_CUSTOMER).increment());
            });
            throw new OutreachRefused(reason, List.of(), true);
        }
        Channel channel = draft.template.channel();
        try {
            if (channel == Channel.EMAIL) {
                mail.send(draft.contact.email(), draft.account.owner() == null ? null : draft.account.owner().email(),
                        draft.subject.text(), draft.body.text());
            } else {
                slack.post(draft.body.text());
            }
        } catch (OutreachRefused notSetUp) {
            blocked(channel, Blocked.NOT_CONFIGURED).increment();
            throw notSetUp;
        } catch (DeliveryFailed failure) {
            failed(channel).increment();
            throw failure;
        }
        return transaction.execute(status -> {
            OutreachMessage sent = record(draft, OutreachMessage.Status.SENT, null);
            AfterCommit.run(() -> sent(channel).increment());
            TimelineEntry entry = draft.template.channel() == Channel.EMAIL
                    ? timeline.record(draft.account.id(), TimelineKind.EMAIL, null, sent.at(),
                            truncate("Email to " + draft.contact.name() + ": " + draft.subject.text(), 300),
                            draft.body.text())
                    : timeline.record(draft.account.id(), TimelineKind.SLACK_ALERT, null, sent.at(),
                            truncate("Slack alert: " + draft.body.text().lines().findFirst().orElse(""), 300),
                            draft.body.text());
            audit.created(ENTITY, sent.id(), "Sent " + draft.template.channel().label() + " '" + draft.template.name()
                    + "' to " + draft.recipient() + " for " + draft.account.name(), sent);
            return new Sent(sent.id(), sent.template(), sent.channel(), sent.accountId(), sent.contactId(),
                    sent.recipient(), sent.subject(), sent.body(), sent.actor(), sent.at(), entry.id());
        });
    }

    private Counter sent(Channel channel) {
        return Counter.builder("lodestar.outreach.sent").tag("channel", channel.label())
                .description("Messages to customers' contacts (email) and Slack alerts sent, by channel").register(meters);
    }

    private Counter failed(Channel channel) {
        return Counter.builder("lodestar.outreach.failed").tag("channel", channel.label())
                .description("Messages the mail server or Slack did not take, by channel").register(meters);
    }

    private Counter blocked(Channel channel, Blocked reason) {
        return Counter.builder("lodestar.outreach.blocked").tag("channel", channel.label()).tag("reason", reason.tag())
                .description("Messages not sent, by channel and reason").register(meters);
    }

    /** The account's messages, sent and blocked, newest first. */
    public List<OutreachMessage> messages(long accountId, int limit) {
        accounts.get(accountId);
        return messages.forAccount(accountId, limit);
    }

    /** Every message of the book by account, sent and blocked, each account's oldest first: the history an export keeps. */
    public Map<Long, List<OutreachMessage>> historyByAccount() {
        return messages.all().stream()
                .collect(Collectors.groupingBy(OutreachMessage::accountId, LinkedHashMap::new, Collectors.toList()));
    }

    /**
     * When this template last went out to this recipient of the account, if it ever did: what automated outreach
     * looks at before sending the same email again.
     */
    public Optional<Instant> lastSent(long accountId, String template, String recipient) {
        return messages.lastSent(accountId, template, recipient);
    }

    /**
     * Writes a message read back from a whole-book export into the account's history, as it was (nothing is
     * delivered), unless the history has it: the same template, channel and recipient at the same instant, as many
     * times ({@code occurrence} counts them in the file). Whether it was written.
     */
    public boolean restoreOnce(OutreachMessage message, int occurrence) {
        accounts.get(message.accountId());
        if (messages.count(message.accountId(), message.template(), message.channel(), message.recipient(),
                message.at()) >= occurrence) {
            return false;
        }
        messages.insert(message.accountId(), message.contactId(), message.template(), message.channel(),
                message.recipient(), message.subject(), message.body(), message.status(), message.reason(),
                message.actor(), message.at());
        return true;
    }

    private OutreachMessage record(Draft draft, OutreachMessage.Status status, String reason) {
        return messages.insert(draft.account.id(), draft.contact == null ? null : draft.contact.id(),
                draft.template.name(), draft.template.channel(), draft.recipient(), draft.subject.text(),
                draft.body.text(), status, reason, Actors.current().name(), Instant.now(clock));
    }

    /** A template filled in for one account and contact, with the names the guard looks for. */
    private record Draft(OutreachTemplate template, Account account, Stakeholder contact,
            MergeFields.Rendered subject, MergeFields.Rendered body, List<CustomerGuard.KnownName> allowed,
            List<CustomerGuard.KnownName> others) {

        List<String> missing() {
            Set<String> all = new LinkedHashSet<>(subject.missing());
            all.addAll(body.missing());
            return List.copyOf(all);
        }

        String recipient() {
            return template.channel() == Channel.SLACK ? "Slack" : contact == null ? null : contact.email();
        }

        /** Internal Slack alerts go to the team, not a customer: only email is checked. */
        Optional<CustomerGuard.Named> guard() {
            return template.channel() == Channel.EMAIL
                    ? CustomerGuard.check(subject.text(), body.text(), allowed, others)
                    : Optional.empty();
        }
    }

    private Draft prepare(OutreachRequest request, boolean sending) {
        var problems = new InvalidInput.Collector();
        OutreachTemplate template = templates.find(request.template() == null ? null : request.template().strip())
                .orElse(null);
        if (template == null) {
            problems.add("template", request.template() == null || request.template().isBlank()
                    ? "is required; expected one of " + String.join(", ", templates.names())
                    : "unknown template '" + request.template() + "'; expected one of " + String.join(", ", templates.names()));
        }
        if (request.vars().size() > MAX_VARS) {
            problems.add("vars", "at most " + MAX_VARS + " variables, got " + request.vars().size());
        }
        request.vars().forEach((name, value) -> {
            if (!MergeFields.VAR_NAME.matcher(name).matches()) {
                problems.add("vars." + name, "a variable name is lower-case letters, digits and _ (up to 40), "
                        + "starting with a letter");
            } else if (value != null && value.length() > VAR_LIMIT) {
                problems.add("vars." + name, "must be at most " + VAR_LIMIT + " characters, got " + value.length());
            }
        });
        problems.throwIfAny();
        Account account = accounts.get(request.accountId());
        Stakeholder contact = contactFor(account, request.contactId(), template.channel(), sending);
        Map<String, String> values = mergeValues.of(account, contact, template.fields(), request.vars());
        if (template.channel() == Channel.SLACK) {
            values.replaceAll((field, value) -> SlackWebhook.escape(value));
        }
        MergeFields.Rendered subject = MergeFields.render(template.subject(), values);
        if (subject.text() != null) {
            // A subject is one line: line breaks in a variable become spaces.
            subject = new MergeFields.Rendered(subject.text().replaceAll("\\s+", " ").strip(), subject.missing());
            if (subject.text().length() > SUBJECT_LIMIT) {
                throw new InvalidInput("vars", "the filled-in subject would be " + subject.text().length()
                        + " characters; at most " + SUBJECT_LIMIT + ", so shorten the variables it uses");
            }
        }
        MergeFields.Rendered body = MergeFields.render(template.body(), values);
        List<CustomerGuard.KnownName> allowed = List.of();
        List<CustomerGuard.KnownName> others = List.of();
        if (template.channel() == Channel.EMAIL) {
            allowed = ownNames(account);
            others = otherNames(account);
        }
        return new Draft(template, account, contact, subject, body, allowed, others);
    }

    /** The addressed customer's names and aliases, with its parent's and its subsidiaries': never another customer. */
    private List<CustomerGuard.KnownName> ownNames(Account account) {
        List<Account> family = new ArrayList<>();
        family.add(account);
        if (account.parent() != null) {
            accounts.find(account.parent().id()).ifPresent(family::add);
        }
        family.addAll(accounts.children(account.id()));
        return known(family);
    }

    /** Every other customer's name and aliases. */
    private List<CustomerGuard.KnownName> otherNames(Account account) {
        Map<Long, Account> all = new LinkedHashMap<>();
        for (int page = 0;; page++) {
            AccountList list = accounts.list(new AccountFilter(null, null, null, null, null, null, null, "id", page,
                    AccountFilter.MAX_SIZE));
            list.accounts().forEach(a -> all.put(a.id(), a));
            if (page + 1 >= list.pages()) {
                break;
            }
        }
        all.remove(account.id());
        return known(List.copyOf(all.values()));
    }

    private List<CustomerGuard.KnownName> known(List<Account> of) {
        Map<Long, List<String>> aliases = this.aliases.inForce(of);
        List<CustomerGuard.KnownName> names = new ArrayList<>();
        for (Account a : of) {
            names.add(CustomerGuard.KnownName.name(a.name()));
            aliases.getOrDefault(a.id(), List.of()).forEach(alias -> names.add(new CustomerGuard.KnownName(alias, a.name(), true)));
        }
        return names;
    }

    /** The contact a message goes to: one of the account's, and for an email being sent, one still there. */
    private Stakeholder contactFor(Account account, Long contactId, Channel channel, boolean sending) {
        if (contactId == null) {
            if (sending && channel == Channel.EMAIL) {
                throw new InvalidInput("contactId", "an email needs a contact of " + account.name() + " to go to");
            }
            return null;
        }
        Stakeholder contact = stakeholders.list(account.id()).stream().filter(s -> s.id() == contactId).findFirst()
                .orElseThrow(() -> new InvalidInput("contactId", "contact " + contactId + " is not a contact of "
                        + account.name()));
        if (sending && channel == Channel.EMAIL && contact.status() == StakeholderStatus.LEFT) {
            throw new InvalidInput("contactId", contact.name() + " left " + account.name()
                    + (contact.leftOn() == null ? "" : " on " + contact.leftOn()) + "; choose a current contact");
        }
        return contact;
    }

    private Draft compose(FreeTextEmail email, boolean sending) {
        var problems = new InvalidInput.Collector();
        String subject = email.subject() == null ? "" : email.subject().replaceAll("\\s+", " ").strip();
        String body = email.body() == null ? "" : email.body().strip();
        if (subject.isEmpty()) {
            problems.add("subject", "is required");
        } else if (subject.length() > SUBJECT_LIMIT) {
            problems.add("subject", "must be at most " + SUBJECT_LIMIT + " characters, got " + subject.length());
        }
        if (body.isEmpty()) {
            problems.add("body", "is required");
        } else if (body.length() > BODY_LIMIT) {
            problems.add("body", "must be at most " + BODY_LIMIT + " characters, got " + body.length());
        }
        problems.throwIfAny();
        Account account = accounts.get(email.accountId());
        Stakeholder contact = contactFor(account, email.contactId(), Channel.EMAIL, sending);
        OutreachTemplate written = new OutreachTemplate(FreeTextEmail.TEMPLATE, "An email written by hand", Channel.EMAIL,
                subject, body, List.of(), "composer");
        return new Draft(written, account, contact, new MergeFields.Rendered(subject, List.of()),
                new MergeFields.Rendered(body, List.of()), ownNames(account), otherNames(account));
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
