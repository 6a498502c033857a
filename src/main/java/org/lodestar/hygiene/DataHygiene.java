package org.lodestar.hygiene;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.lodestar.accounts.AccountSet;
import org.lodestar.accounts.BookFacts;
import org.lodestar.accounts.LifecycleStage;
import org.lodestar.accounts.StakeholderRole;
import org.lodestar.hygiene.internal.Check;
import org.lodestar.hygiene.internal.HygieneFacts;
import org.lodestar.hygiene.internal.HygieneSettings;
import org.lodestar.hygiene.internal.StatedTable;
import org.lodestar.people.User;
import org.lodestar.people.Users;
import org.lodestar.revenue.ContractFacts;
import org.lodestar.support.SupportFacts;
import org.lodestar.surveys.SentimentFacts;
import org.lodestar.usage.UsageFacts;
import org.springframework.stereotype.Service;

/**
 * The data hygiene report: gathers the facts from the modules that own them (accounts, contracts, usage, the CRM's
 * view, imported metrics tables) and runs every {@link Check} over them on each call, so a finding disappears as soon
 * as the data is fixed. Scores as in {@link HygieneScores}.
 */
@Service
public class DataHygiene {

    /** Which findings to list: by kind, by account, by owner's email; null means any. */
    public record Filter(FindingKind kind, Long account, String owner) {

        public static final Filter ALL = new Filter(null, null, null);

        boolean keeps(Finding f) {
            return (kind == null || f.kind() == kind)
                    && (account == null || f.accounts().stream().anyMatch(a -> a.id() == account))
                    && (owner == null || f.accounts().stream().anyMatch(a -> owner.equalsIgnoreCase(a.owner())));
        }
    }

    private final BookFacts book;
    private final ContractFacts contracts;
    private final UsageFacts usage;
    private final Users users;
    private final CrmViews crm;
    private final MetricTables tables;
    private final HygieneSettings settings;
    private final Clock clock;
    private final SupportFacts support;
    private final SentimentFacts sentiment;

    DataHygiene(BookFacts book, ContractFacts contracts, UsageFacts usage, Users users, CrmViews crm, MetricTables tables,
            HygieneSettings settings, Clock clock, SupportFacts support, SentimentFacts sentiment) {
        this.book = book;
        this.contracts = contracts;
        this.usage = usage;
        this.users = users;
        this.crm = crm;
        this.tables = tables;
        this.settings = settings;
        this.clock = clock;
        this.support = support;
        this.sentiment = sentiment;
    }

    /** The findings that pass the filter: most severe first, then by kind and account. */
    public List<Finding> findings(Filter filter) {
        return all().stream().filter(filter::keeps).toList();
    }

    public HygieneScores scores() {
        return report(Filter.ALL).scores();
    }

    /** The findings that pass the filter and the scores, from one reading of the book (the page shows both). */
    public record Report(List<Finding> findings, HygieneScores scores) {
    }

    public Report report(Filter filter) {
        Map<String, String> names = new HashMap<>();
        users.list().forEach(u -> names.put(u.email(), u.name()));
        HygieneFacts facts = facts();
        List<Finding> all = run(facts);
        return new Report(all.stream().filter(filter::keeps).toList(), score(facts, all, names));
    }

    private List<Finding> all() {
        return run(facts());
    }

    private List<Finding> run(HygieneFacts facts) {
        List<Finding> findings = new ArrayList<>(Check.run(Check.all(settings), facts));
        findings.sort(Comparator.comparing(Finding::severity).thenComparing(Finding::kind)
                .thenComparing(f -> f.accounts().isEmpty() ? Long.MAX_VALUE : f.accounts().getFirst().id()));
        return findings;
    }

    /** Per account 100 minus the weights of its findings (at least 0); per CSM the mean over their live accounts. */
    static HygieneScores score(HygieneFacts facts, List<Finding> findings, Map<String, String> names) {
        Map<Long, int[]> lost = new HashMap<>();
        for (Finding f : findings) {
            f.accounts().stream().map(Finding.Subject::id).distinct().forEach(id -> {
                int[] l = lost.computeIfAbsent(id, k -> new int[2]);
                l[0] += f.severity().weight();
                l[1]++;
            });
        }
        List<HygieneScores.AccountScore> accounts = new ArrayList<>();
        Map<String, List<HygieneScores.AccountScore>> byOwner = new LinkedHashMap<>();
        for (HygieneFacts.AccountFacts a : facts.accounts()) {
            if (a.churned()) {
                continue;
            }
            int[] l = lost.getOrDefault(a.id(), new int[2]);
            HygieneScores.AccountScore s = new HygieneScores.AccountScore(a.id(), a.subject().name(), a.subject().owner(),
                    Math.max(0, 100 - l[0]), l[1]);
            accounts.add(s);
            if (a.subject().owner() != null) {
                byOwner.computeIfAbsent(a.subject().owner(), k -> new ArrayList<>()).add(s);
            }
        }
        accounts.sort(Comparator.comparingInt(HygieneScores.AccountScore::score).thenComparingLong(HygieneScores.AccountScore::id));
        List<HygieneScores.CsmScore> csms = new ArrayList<>();
        byOwner.forEach((owner, scores) -> csms.add(new HygieneScores.CsmScore(owner, names.getOrDefault(owner, owner), scores.size(),
                (int) Math.round(scores.stream().mapToInt(HygieneScores.AccountScore::score).average().orElse(100)),
                scores.stream().mapToInt(HygieneScores.AccountScore::findings).sum())));
        csms.sort(Comparator.comparingInt(HygieneScores.CsmScore::score).thenComparing(HygieneScores.CsmScore::owner));
        return new HygieneScores(accounts, csms);
    }

    /**
     * The scores of these live accounts (null: all) as of the day, for the data-hygiene signal rule. Only these accounts'
     * facts are read, besides every account's name and domain and every contact's email (for duplicates), so that a
     * signal evaluation of a few accounts stays cheap on a large book.
     */
    public Map<Long, Integer> scoreByAccount(LocalDate today, Collection<Long> accountIds) {
        HygieneFacts facts = facts(today, accountIds);
        Map<Long, Integer> scores = new HashMap<>();
        score(facts, run(facts), Map.of()).accounts().forEach(a -> scores.put(a.id(), a.score()));
        return scores;
    }

    private static Map<String, LocalDate> elsewhere(LocalDate ticket, LocalDate answer) {
        Map<String, LocalDate> latest = new LinkedHashMap<>();
        if (ticket != null) {
            latest.put("support ticket", ticket);
        }
        if (answer != null) {
            latest.put("survey answer", answer);
        }
        return latest;
    }

    HygieneFacts facts() {
        return facts(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), null);
    }

    private HygieneFacts facts(LocalDate today, Collection<Long> accountIds) {
        AccountSet whole = AccountSet.all();
        List<BookFacts.Identity> everyone = book.identities(whole);
        AccountSet read = accountIds == null ? whole : AccountSet.toRead(accountIds, everyone.size());
        Set<Long> looked = accountIds == null ? null : new HashSet<>(accountIds);
        Map<Long, User> owners = new HashMap<>();
        users.list().forEach(u -> owners.put(u.id(), u));
        Map<Long, CrmViews.Recorded> views = crm.of(read);
        Map<Long, List<ContractFacts.Term>> terms = contracts.terms(read, today);
        Map<Long, UsageFacts.Activity> activity = usage.activity(read, today.plusYears(100));
        Map<Long, Long> active = usage.activeUsers(read, UsageFacts.Days.ending(today, settings.usageDays()));
        Map<Long, LocalDate> lastContact = book.lastEngagement(read, today);
        Map<Long, LocalDate> latest = book.latestEntry(read);
        Map<Long, LocalDate> latestTicket = support.latestOpened(read);
        Map<Long, LocalDate> latestAnswer = sentiment.latestAnswered(read);
        Map<Long, List<BookFacts.Contact>> contacts = book.contacts(read, EnumSet.of(StakeholderRole.ECONOMIC_SPONSOR,
                StakeholderRole.CHAMPION));
        Map<Long, Finding.Subject> subjects = new HashMap<>();
        List<HygieneFacts.AccountFacts> accounts = new ArrayList<>();
        List<HygieneFacts.Peer> peers = new ArrayList<>();
        for (BookFacts.Identity a : everyone) {
            User owner = a.ownerId() == null ? null : owners.get(a.ownerId());
            Finding.Subject subject = new Finding.Subject(a.id(), a.name(), owner == null ? null : owner.email());
            subjects.put(a.id(), subject);
            peers.add(new HygieneFacts.Peer(subject, a.domain()));
            if (looked != null && !looked.contains(a.id())) {
                continue;
            }
            CrmViews.Recorded view = views.get(a.id());
            Set<StakeholderRole> roles = EnumSet.noneOf(StakeholderRole.class);
            contacts.getOrDefault(a.id(), List.of()).stream().filter(c -> c.inPlaceOn(today)).forEach(c -> roles.add(c.role()));
            UsageFacts.Activity used = activity.get(a.id());
            accounts.add(new HygieneFacts.AccountFacts(subject, a.domain(), a.stage() == LifecycleStage.CHURNED, a.createdOn(),
                    view == null ? null : new HygieneFacts.CrmView(view.view().renewalDate(), view.view().arr(),
                            view.view().seats(), view.source()),
                    terms.getOrDefault(a.id(), List.of()).stream().map(t -> new HygieneFacts.Contract(t.subscription(),
                            t.start(), t.end(), t.seats(), t.arr())).toList(),
                    used == null ? null : used.lastActive(), active.getOrDefault(a.id(), 0L), lastContact.get(a.id()),
                    latest.get(a.id()), roles, elsewhere(latestTicket.get(a.id()), latestAnswer.get(a.id()))));
        }
        List<HygieneFacts.Address> addresses = book.addresses(whole).stream().filter(BookFacts.Address::active)
                .map(a -> new HygieneFacts.Address(subjects.get(a.accountId()), a.email(), a.name())).toList();
        List<StatedTable> stated = accountIds != null ? List.of() : tables.all().stream().map(t -> new StatedTable(t.name(), t.content(),
                t.importedOn().toString())).toList();
        return new HygieneFacts(today, accounts, peers, addresses, stated);
    }
}
