package org.lodestar.imports;

import static org.lodestar.imports.BookCsv.concat;
import static org.lodestar.imports.BookCsv.csv;
import static org.lodestar.imports.BookCsv.label;
import static org.lodestar.imports.BookCsv.money;
import static org.lodestar.imports.BookCsv.text;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

import org.lodestar.accounts.Account;
import org.lodestar.accounts.AccountFilter;
import org.lodestar.accounts.Accounts;
import org.lodestar.accounts.Stakeholder;
import org.lodestar.accounts.Stakeholders;
import org.lodestar.accounts.Timeline;
import org.lodestar.billing.Invoices;
import org.lodestar.feedback.FeatureRequests;
import org.lodestar.hygiene.CrmViews;
import org.lodestar.people.User;
import org.lodestar.people.Users;
import org.lodestar.plans.Milestone;
import org.lodestar.plans.Outcome;
import org.lodestar.plans.SuccessPlan;
import org.lodestar.plans.SuccessPlans;
import org.lodestar.revenue.LineItem;
import org.lodestar.revenue.Subscriptions;
import org.lodestar.support.SupportTickets;
import org.lodestar.surveys.SurveyResponses;
import org.lodestar.usage.UsageHistory;
import org.springframework.stereotype.Service;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the whole book into a folder in Lodestar's own import formats ({@link BookFiles}), so that
 * {@link BookImport} into an empty instance gives the same book back. What is derived from these (ARR, the ledger,
 * rollups, scores, signals, plays and their open tasks) is not written: an import works it out again. No password,
 * token, write key or webhook secret is ever written.
 */
@Service
public class BookExport {

    /** What an export wrote: rows per file. */
    public record Written(Path folder, Map<String, Integer> rows) {
    }

    /** Accounts read at a time for the kinds that grow large (activities, tickets, surveys, invoices). */
    private static final int SLICE = 1000;

    private final Users users;
    private final Accounts accounts;
    private final CrmViews crmViews;
    private final Stakeholders stakeholders;
    private final Timeline timeline;
    private final Subscriptions subscriptions;
    private final SupportTickets tickets;
    private final SurveyResponses surveys;
    private final Invoices invoices;
    private final FeatureRequests featureRequests;
    private final UsageHistory usage;
    private final SuccessPlans plans;
    private final BookHistory history;
    private final JsonMapper json;
    private final Clock clock;

    BookExport(Users users, Accounts accounts, CrmViews crmViews, Stakeholders stakeholders, Timeline timeline,
            Subscriptions subscriptions,
            SupportTickets tickets, SurveyResponses surveys, Invoices invoices, FeatureRequests featureRequests,
            UsageHistory usage, SuccessPlans plans, BookHistory history, JsonMapper json, Clock clock) {
        this.plans = plans;
        this.history = history;
        this.users = users;
        this.accounts = accounts;
        this.crmViews = crmViews;
        this.stakeholders = stakeholders;
        this.timeline = timeline;
        this.subscriptions = subscriptions;
        this.tickets = tickets;
        this.surveys = surveys;
        this.invoices = invoices;
        this.featureRequests = featureRequests;
        this.usage = usage;
        this.json = json;
        this.clock = clock;
    }

    /** Writes every file and the manifest into {@code folder}, which must exist; {@code progress} hears each step. */
    public Written write(Path folder, String version, Consumer<String> progress) throws IOException {
        Map<String, Integer> rows = new LinkedHashMap<>();
        List<Account> book = new ArrayList<>();
        accounts.forEachMatch(AccountFilter.all(), (account, health) -> book.add(account));
        book.sort(Comparator.comparing(Account::externalId));
        Map<Long, String> externalIds = new HashMap<>();
        book.forEach(a -> externalIds.put(a.id(), a.externalId()));

        rows.put(BookFiles.USERS.file(), csv(folder, BookFiles.USERS, progress, out -> {
            for (User user : users.list()) {
                out.accept(List.of(user.email(), user.name(), user.role().label(), String.valueOf(user.enabled())));
            }
        }));
        Map<Long, CrmViews.Recorded> crm = crmViews.all();
        rows.put(BookFiles.ACCOUNTS.file(), csv(folder, BookFiles.ACCOUNTS, progress, out -> {
            for (Account a : book) {
                CrmViews.CrmView view = crm.containsKey(a.id()) ? crm.get(a.id()).view() : null;
                out.accept(List.of(a.externalId(), a.name(), text(a.billingId()), text(a.productGroupId()),
                        text(a.domain()), text(a.industry()), text(a.country()),
                        a.owner() == null ? "" : a.owner().email(), a.parent() == null ? "" : a.parent().externalId(),
                        label(a.stage()), label(a.coverage()), view == null ? "" : text(view.renewalDate()),
                        view == null ? "" : money(view.arr()), view == null ? "" : text(view.seats())));
            }
        }));
        Map<Long, Stakeholder> contacts = new HashMap<>();
        rows.put(BookFiles.STAKEHOLDERS.file(), csv(folder, BookFiles.STAKEHOLDERS, progress, out -> forEachRow(book,
                stakeholders.byAccount(), (a, s) -> {
                    contacts.put(s.id(), s);
                    out.accept(List.of(a.externalId(), s.email(), s.name(), label(s.role()), text(s.title()),
                            label(s.status()), text(s.leftOn())));
                })));
        rows.put(BookFiles.ACTIVITIES.file(), csv(folder, BookFiles.ACTIVITIES, progress, out -> forEachRow(book,
                timeline::loggedByAccount, (a, e) -> out.accept(List.of(a.externalId(), label(e.kind()),
                        text(e.occurredAt()), e.subject(), label(e.meetingType()), text(e.body()),
                        text(e.durationMinutes()), label(e.category()), text(e.author()))))));
        Map<Long, String> subscriptionIds = new HashMap<>();
        rows.put(BookFiles.SUBSCRIPTIONS.file(), csv(folder, BookFiles.SUBSCRIPTIONS, progress, out -> forEachRow(book,
                subscriptions.byAccount(), (a, s) -> {
                    subscriptionIds.put(s.id(), s.externalId());
                    for (LineItem item : s.lineItems()) {
                        out.accept(List.of(s.externalId(), a.externalId(), item.plan(), String.valueOf(item.seats()),
                                money(item.arr()), text(item.startDate()), text(item.module()), text(item.endDate()),
                                String.valueOf(s.autoRenew())));
                    }
                })));
        rows.put(BookFiles.TICKETS.file(), csv(folder, BookFiles.TICKETS, progress, out -> forEachRow(book,
                tickets::byAccount, (a, t) -> out.accept(List.of(t.externalId(), a.externalId(), text(t.createdAt()),
                        text(t.subject()), label(t.status()), label(t.priority()), String.valueOf(t.escalated()),
                        text(t.solvedAt()), label(t.satisfaction()))))));
        rows.put(BookFiles.SURVEYS.file(), csv(folder, BookFiles.SURVEYS, progress, out -> forEachRow(book,
                surveys::byAccount, (a, r) -> out.accept(List.of(r.externalId(), a.externalId(), label(r.kind()),
                        String.valueOf(r.score()), text(r.respondedAt()), text(r.comment()),
                        text(r.respondentEmail()))))));
        rows.put(BookFiles.INVOICES.file(), csv(folder, BookFiles.INVOICES, progress, out -> forEachRow(book,
                invoices::byAccount, (a, i) -> out.accept(List.of(i.externalId(), a.externalId(), i.currency(),
                        money(i.amountDue()), text(i.issuedOn()), text(i.number()), money(i.amountPaid()),
                        text(i.dueOn()), text(i.paidOn()), label(i.status()))))));
        Map<Long, String> titles = new HashMap<>();
        featureRequests.all().forEach(r -> titles.put(r.id(), r.title()));
        rows.put(BookFiles.FEATURE_REQUESTS.file(), csv(folder, BookFiles.FEATURE_REQUESTS, progress, out -> forEachRow(
                book, featureRequests.asksByAccount(), (a, ask) -> out.accept(List.of(a.externalId(),
                        titles.get(ask.requestId()), ask.contactId() == null ? "" : contactEmail(contacts, ask.contactId()),
                        text(ask.words()), text(ask.askedOn()))))));
        Map<Long, String> userEmails = new HashMap<>();
        users.list().forEach(u -> userEmails.put(u.id(), u.email()));
        rows.put(BookFiles.PLANS.file(), csv(folder, BookFiles.PLANS, progress, out -> {
            Map<Long, List<SuccessPlan>> byAccount = plans.byAccount();
            for (Account a : book) {
                List<SuccessPlan> ofAccount = new ArrayList<>(byAccount.getOrDefault(a.id(), List.of()));
                ofAccount.sort(Comparator.comparingLong(SuccessPlan::id));
                for (int n = 0; n < ofAccount.size(); n++) {
                    SuccessPlan plan = ofAccount.get(n);
                    List<String> planCells = List.of(a.externalId(), String.valueOf(n + 1), plan.title(),
                            text(plan.startsOn()));
                    List<String> planOptional = List.of(text(plan.template()), text(plan.createdAt()), text(plan.createdBy()));
                    for (Outcome outcome : plan.outcomes()) {
                        List<String> outcomeCells = List.of(String.valueOf(outcome.position()), outcome.title());
                        if (outcome.milestones().isEmpty()) {
                            out.accept(concat(planCells, outcomeCells, planOptional, List.of("", "", "", "", "", "", "",
                                    "", "", "", "")));
                        }
                        for (Milestone m : outcome.milestones()) {
                            out.accept(concat(planCells, outcomeCells, planOptional, List.of(String.valueOf(m.position()),
                                    m.title(), label(m.ownerSide()), m.ownerUserId() == null ? ""
                                            : text(userEmails.get(m.ownerUserId())),
                                    m.ownerContactId() == null ? "" : contactEmail(contacts, m.ownerContactId()),
                                    text(m.dueOn()), label(m.status()), String.valueOf(m.value()), text(m.evidence()),
                                    text(m.completedAt()), text(m.completedBy()))));
                        }
                    }
                }
            }
        }));
        history.write(folder, book, new BookHistory.Written(contacts, subscriptionIds), progress, rows);
        rows.put(BookFiles.USAGE_COUNTS.file(), csv(folder, BookFiles.USAGE_COUNTS, progress, out -> usage
                .forEachImportedCount(c -> out.accept(List.of(c.source(), externalIds.get(c.count().accountId()),
                        text(c.count().day()), c.count().feature(), String.valueOf(c.count().events()))))));
        Path events = folder.resolve(BookFiles.USAGE_EVENTS.file());
        progress.accept("Writing " + events.getFileName() + " ...");
        try (Writer out = Files.newBufferedWriter(events, StandardCharsets.UTF_8)) {
            int[] told = { 0 };
            int calls = usage.writeEvents(out, done -> {
                if (done - told[0] >= 10_000) {
                    told[0] = done;
                    progress.accept("  " + done + " calls");
                }
            });
            progress.accept("  " + calls + " call(s)");
            rows.put(BookFiles.USAGE_EVENTS.file(), calls);
        }
        ObjectNode manifest = json.createObjectNode();
        manifest.put("format", "lodestar-book");
        manifest.put("lodestarVersion", version);
        manifest.put("exportedAt", Instant.now(clock).toString());
        ObjectNode files = manifest.putObject("files");
        rows.forEach(files::put);
        Files.writeString(folder.resolve(BookFiles.MANIFEST), json.writerWithDefaultPrettyPrinter()
                .writeValueAsString(manifest) + "\n", StandardCharsets.UTF_8);
        return new Written(folder, rows);
    }

    /**
     * Hands each account's rows to {@code row}, the accounts in the book's order, reading them a slice of the book at a
     * time: one query (or a few) a slice, and no more than a slice's rows in memory, for the kinds that grow large.
     */
    private static <T> void forEachRow(List<Account> book, Function<List<Long>, Map<Long, List<T>>> read,
            BiConsumer<Account, T> row) {
        for (int from = 0; from < book.size(); from += SLICE) {
            List<Account> slice = book.subList(from, Math.min(book.size(), from + SLICE));
            forEachRow(slice, read.apply(slice.stream().map(Account::id).toList()), row);
        }
    }

    /** Hands each account's rows of {@code byAccount} (read for the whole book at once) to {@code row}, in the book's order. */
    private static <T> void forEachRow(List<Account> book, Map<Long, List<T>> byAccount, BiConsumer<Account, T> row) {
        for (Account a : book) {
            byAccount.getOrDefault(a.id(), List.of()).forEach(r -> row.accept(a, r));
        }
    }

    /** A contact's email as the export writes it, empty when the contact has none or is not of the book. */
    private static String contactEmail(Map<Long, Stakeholder> contacts, long contactId) {
        Stakeholder contact = contacts.get(contactId);
        return contact == null ? "" : text(contact.email());
    }
}
