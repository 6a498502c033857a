package org.lodestar.hygiene.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.lodestar.accounts.AliasSuggestions;
import org.lodestar.accounts.StakeholderRole;
import org.lodestar.hygiene.Finding;
import org.lodestar.hygiene.FindingKind;
import org.lodestar.hygiene.internal.HygieneFacts.AccountFacts;
import org.lodestar.hygiene.internal.HygieneFacts.Contract;

/**
 * One data hygiene check: a kind of finding and how to find it in the facts. Pure; one record per kind, each
 * evaluating itself. {@link #all} lists them with their thresholds.
 */
public sealed interface Check {

    FindingKind kind();

    List<Finding> evaluate(HygieneFacts facts);

    /** Every check, with the thresholds given. */
    static List<Check> all(HygieneSettings settings) {
        return List.of(new RenewalDateDisagrees(), new ArrDisagrees(settings.arrTolerance()), new SeatsDisagree(),
                new DuplicateAccounts(), new ContactInTwoAccounts(), new UsageWithoutContract(settings.usageDays()),
                new ContractEndsBeforeStart(), new ZeroSeatsWithUsers(), new FutureDates(),
                new StaleUsage(settings.staleUsageDays()), new StaleContact(settings.staleContactDays()), new MissingOwner(),
                new MissingRole(StakeholderRole.ECONOMIC_SPONSOR), new MissingRole(StakeholderRole.CHAMPION),
                new StatedFigures());
    }

    /** Every finding of every check, in the order of the checks. */
    static List<Finding> run(List<Check> checks, HygieneFacts facts) {
        List<Finding> findings = new ArrayList<>();
        checks.forEach(check -> findings.addAll(check.evaluate(facts)));
        return findings;
    }

    /** The CRM's renewal date against the end of the next contract running today. */
    record RenewalDateDisagrees() implements Check {
        public FindingKind kind() {
            return FindingKind.RENEWAL_DATE_DISAGREES;
        }

        public List<Finding> evaluate(HygieneFacts facts) {
            List<Finding> findings = new ArrayList<>();
            for (AccountFacts a : live(facts)) {
                if (a.crm() == null || a.crm().renewalDate() == null) {
                    continue;
                }
                Contract next = a.running(facts.today()).stream().filter(c -> c.end() != null)
                        .min((x, y) -> x.end().compareTo(y.end())).orElse(null);
                LocalDate crm = a.crm().renewalDate();
                if (next == null) {
                    findings.add(finding(kind(), a, List.of("CRM renewal_date", "no running contract with an end date"),
                            List.of(crmSource(a), "contracts"), values("crm", crm, "contracts", "none running"),
                            "The CRM says " + a.subject().name() + " renews on " + crm + "; no running contract ends.",
                            "Add the contract on the account page, or clear renewal_date in the CRM", contracts(a)));
                } else if (!next.end().equals(crm)) {
                    findings.add(finding(kind(), a, List.of("CRM renewal_date", "contract " + next.id()),
                            List.of(crmSource(a), "contract " + next.id()), values("crm", crm, "contract", next.end()),
                            "The CRM says " + a.subject().name() + " renews on " + crm + "; contract " + next.id() + " ends on "
                                    + next.end() + " (" + Math.abs(ChronoUnit.DAYS.between(next.end(), crm)) + " days apart).",
                            "Correct renewal_date in the CRM and re-import accounts, or the end date of contract " + next.id(),
                            contracts(a)));
                }
            }
            return findings;
        }
    }

    /** The CRM's ARR against the sum of the line items running today; differences up to the tolerance are rounding. */
    record ArrDisagrees(BigDecimal tolerance) implements Check {
        public FindingKind kind() {
            return FindingKind.ARR_DISAGREES;
        }

        public List<Finding> evaluate(HygieneFacts facts) {
            List<Finding> findings = new ArrayList<>();
            for (AccountFacts a : live(facts)) {
                if (a.crm() == null || a.crm().arr() == null) {
                    continue;
                }
                List<Contract> running = a.running(facts.today());
                BigDecimal lines = running.stream().map(Contract::arr).reduce(BigDecimal.ZERO, BigDecimal::add);
                if (a.crm().arr().subtract(lines).abs().compareTo(tolerance) > 0) {
                    findings.add(finding(kind(), a, records("CRM arr", running), List.of(crmSource(a), "line items"),
                            values("crm", money(a.crm().arr()), "line items", money(lines), "difference",
                                    money(a.crm().arr().subtract(lines))),
                            "The CRM states ARR " + money(a.crm().arr()) + " for " + a.subject().name()
                                    + "; its running line items sum to " + money(lines) + ".",
                            "Correct arr in the CRM and re-import accounts, or the line items on the account page",
                            contracts(a)));
                }
            }
            return findings;
        }
    }

    /** The CRM's seats against the seats under contract today (per contract its largest running line, summed). */
    record SeatsDisagree() implements Check {
        public FindingKind kind() {
            return FindingKind.SEATS_DISAGREE;
        }

        public List<Finding> evaluate(HygieneFacts facts) {
            List<Finding> findings = new ArrayList<>();
            for (AccountFacts a : live(facts)) {
                if (a.crm() == null || a.crm().seats() == null) {
                    continue;
                }
                List<Contract> running = a.running(facts.today());
                long seats = running.stream().mapToLong(Contract::seats).sum();
                if (seats != a.crm().seats()) {
                    findings.add(finding(kind(), a, records("CRM seats", running), List.of(crmSource(a), "contracts"),
                            values("crm", a.crm().seats(), "contracted", seats),
                            "The CRM states " + a.crm().seats() + " seats for " + a.subject().name() + "; its contracts carry "
                                    + seats + ".",
                            "Correct seats in the CRM and re-import accounts, or the contract's seats", contracts(a)));
                }
            }
            return findings;
        }
    }

    /** Accounts with the same name once legal forms, punctuation and case are set aside, or the same domain. */
    record DuplicateAccounts() implements Check {
        public FindingKind kind() {
            return FindingKind.DUPLICATE_ACCOUNT;
        }

        public List<Finding> evaluate(HygieneFacts facts) {
            Map<String, List<HygieneFacts.Peer>> byName = new TreeMap<>();
            Map<String, List<HygieneFacts.Peer>> byDomain = new TreeMap<>();
            for (HygieneFacts.Peer a : facts.peers()) {
                String key = AliasSuggestions.matchKey(a.subject().name());
                if (!key.isEmpty()) {
                    byName.computeIfAbsent(key, k -> new ArrayList<>()).add(a);
                }
                String domain = AliasSuggestions.bareDomain(a.domain());
                if (domain != null) {
                    byDomain.computeIfAbsent(domain, k -> new ArrayList<>()).add(a);
                }
            }
            List<Finding> findings = new ArrayList<>();
            List<List<Long>> seen = new ArrayList<>();
            for (var e : byName.entrySet()) {
                if (e.getValue().size() > 1) {
                    seen.add(e.getValue().stream().map(p -> p.subject().id()).toList());
                    findings.add(duplicate(e.getValue(), "name", e.getKey()));
                }
            }
            for (var e : byDomain.entrySet()) {
                List<Long> ids = e.getValue().stream().map(p -> p.subject().id()).toList();
                if (ids.size() > 1 && !seen.contains(ids)) {
                    findings.add(duplicate(e.getValue(), "domain", e.getKey()));
                }
            }
            return findings;
        }

        private Finding duplicate(List<HygieneFacts.Peer> same, String by, String key) {
            Map<String, String> values = new LinkedHashMap<>();
            same.forEach(a -> values.put("account " + a.subject().id(), a.subject().name()
                    + (a.domain() == null ? "" : " (" + a.domain() + ")")));
            return new Finding(kind(), kind().severity(), same.stream().map(HygieneFacts.Peer::subject).toList(),
                    same.stream().map(a -> "account " + a.subject().id()).toList(), List.of("accounts"), values,
                    sentence(same.size() + " accounts share the " + by + " '" + key + "': "
                            + String.join(", ", same.stream().map(a -> a.subject().name()).toList())),
                    "Merge them into one account (move contracts and contacts, then delete the copy), or tell them apart",
                    "/accounts/" + same.getFirst().subject().id());
        }
    }

    /** One email address recorded as a stakeholder of two or more accounts. */
    record ContactInTwoAccounts() implements Check {
        public FindingKind kind() {
            return FindingKind.CONTACT_IN_TWO_ACCOUNTS;
        }

        public List<Finding> evaluate(HygieneFacts facts) {
            Map<String, List<HygieneFacts.Address>> byEmail = new TreeMap<>();
            facts.addresses().forEach(a -> byEmail.computeIfAbsent(a.email().strip().toLowerCase(Locale.ROOT),
                    k -> new ArrayList<>()).add(a));
            List<Finding> findings = new ArrayList<>();
            byEmail.forEach((email, on) -> {
                List<Finding.Subject> accounts = on.stream().map(HygieneFacts.Address::account).distinct().toList();
                if (accounts.size() > 1) {
                    Map<String, String> values = new LinkedHashMap<>();
                    values.put("email", email);
                    on.forEach(a -> values.put("account " + a.account().id(), a.account().name() + ": " + a.name()));
                    findings.add(new Finding(kind(), kind().severity(), accounts,
                            accounts.stream().map(s -> "stakeholder " + email + " on account " + s.id()).toList(),
                            List.of("stakeholders"), values,
                            email + " is a contact of " + accounts.size() + " accounts: "
                                    + String.join(", ", accounts.stream().map(Finding.Subject::name).toList()) + ".",
                            "Keep the contact on the account they work for and remove it from the others",
                            "/accounts/" + accounts.getFirst().id()));
                }
            });
            return findings;
        }
    }

    /** Usage within the window on an account with no contract running today. */
    record UsageWithoutContract(int days) implements Check {
        public FindingKind kind() {
            return FindingKind.USAGE_WITHOUT_CONTRACT;
        }

        public List<Finding> evaluate(HygieneFacts facts) {
            List<Finding> findings = new ArrayList<>();
            for (AccountFacts a : facts.accounts()) {
                if (a.lastUsage() != null && !a.lastUsage().isBefore(facts.today().minusDays(days))
                        && a.running(facts.today()).isEmpty()) {
                    findings.add(finding(kind(), a, List.of("usage of account " + a.id()), List.of("usage", "contracts"),
                            values("last usage", a.lastUsage(), "active users", a.activeUsers(), "running contracts", 0),
                            a.subject().name() + " used the product on " + a.lastUsage() + " but has no contract running.",
                            "Add the missing contract, or attribute the usage to the right account", contracts(a)));
                }
            }
            return findings;
        }
    }

    /** A contract whose end date falls before its start. */
    record ContractEndsBeforeStart() implements Check {
        public FindingKind kind() {
            return FindingKind.CONTRACT_ENDS_BEFORE_START;
        }

        public List<Finding> evaluate(HygieneFacts facts) {
            List<Finding> findings = new ArrayList<>();
            for (AccountFacts a : facts.accounts()) {
                for (Contract c : a.contracts()) {
                    if (c.end() != null && c.end().isBefore(c.start())) {
                        findings.add(finding(kind(), a, List.of("contract " + c.id()), List.of("contract " + c.id()),
                                values("start", c.start(), "end", c.end()),
                                "Contract " + c.id() + " of " + a.subject().name() + " ends on " + c.end() + ", before it starts on "
                                        + c.start() + ".",
                                "Correct the term of contract " + c.id(), contracts(a)));
                    }
                }
            }
            return findings;
        }
    }

    /** Running contracts that carry zero seats while people use the product. */
    record ZeroSeatsWithUsers() implements Check {
        public FindingKind kind() {
            return FindingKind.ZERO_SEATS_WITH_USERS;
        }

        public List<Finding> evaluate(HygieneFacts facts) {
            List<Finding> findings = new ArrayList<>();
            for (AccountFacts a : live(facts)) {
                List<Contract> running = a.running(facts.today());
                if (!running.isEmpty() && running.stream().mapToLong(Contract::seats).sum() == 0 && a.activeUsers() > 0) {
                    findings.add(finding(kind(), a, records("usage of account " + a.id(), running), List.of("contracts", "usage"),
                            values("contracted seats", 0, "active users", a.activeUsers()),
                            a.subject().name() + " has " + a.activeUsers() + " active users on contracts with 0 seats.",
                            "Enter the contracted seats on the contract's line items", contracts(a)));
                }
            }
            return findings;
        }
    }

    /** Things that already happened (usage, logged activity, support tickets, survey answers) dated after today. */
    record FutureDates() implements Check {
        public FindingKind kind() {
            return FindingKind.FUTURE_DATE;
        }

        public List<Finding> evaluate(HygieneFacts facts) {
            List<Finding> findings = new ArrayList<>();
            for (AccountFacts a : facts.accounts()) {
                if (a.lastUsage() != null && a.lastUsage().isAfter(facts.today())) {
                    findings.add(finding(kind(), a, List.of("usage of account " + a.id()), List.of("usage"),
                            values("usage day", a.lastUsage(), "today", facts.today()),
                            a.subject().name() + " has usage dated " + a.lastUsage() + ", after today.",
                            "Check the clock or timestamps of the usage source", "/accounts/" + a.id() + "/usage"));
                }
                if (a.latestEntry() != null && a.latestEntry().isAfter(facts.today())) {
                    findings.add(finding(kind(), a, List.of("timeline of account " + a.id()), List.of("timeline"),
                            values("entry day", a.latestEntry(), "today", facts.today()),
                            a.subject().name() + " has a timeline entry dated " + a.latestEntry() + ", after today.",
                            "Correct the date of the activity on the account's timeline", "/accounts/" + a.id()));
                }
                a.latestElsewhere().forEach((what, day) -> {
                    if (day != null && day.isAfter(facts.today())) {
                        findings.add(finding(kind(), a, List.of(what + "s of account " + a.id()), List.of(what + "s"),
                                values(what + " day", day, "today", facts.today()),
                                a.subject().name() + " has a " + what + " dated " + day + ", after today.",
                                "Correct the date in the source it came from (the help desk or survey tool) and import it again",
                                "/accounts/" + a.id() + "?tab=health"));
                    }
                });
            }
            return findings;
        }
    }

    /** An account under contract with no usage for the given days (or none ever, once it is that old). */
    record StaleUsage(int days) implements Check {
        public FindingKind kind() {
            return FindingKind.STALE_USAGE;
        }

        public List<Finding> evaluate(HygieneFacts facts) {
            List<Finding> findings = new ArrayList<>();
            LocalDate since = facts.today().minusDays(days);
            for (AccountFacts a : live(facts)) {
                boolean stale = a.lastUsage() == null ? a.createdOn().isBefore(since) : a.lastUsage().isBefore(since);
                if (stale && !a.running(facts.today()).isEmpty()) {
                    findings.add(finding(kind(), a, List.of("usage of account " + a.id()), List.of("usage"),
                            values("last usage", a.lastUsage() == null ? "never" : a.lastUsage(), "threshold", days + " days"),
                            a.subject().name() + (a.lastUsage() == null ? " has never sent usage" : " last sent usage on "
                                    + a.lastUsage()) + " (more than " + days + " days).",
                            "Check the usage feed for this account (write key, account mapping)", "/accounts/" + a.id() + "/usage"));
                }
            }
            return findings;
        }
    }

    /** An active account with no call, meeting or email logged for the given days. */
    record StaleContact(int days) implements Check {
        public FindingKind kind() {
            return FindingKind.STALE_CONTACT;
        }

        public List<Finding> evaluate(HygieneFacts facts) {
            List<Finding> findings = new ArrayList<>();
            LocalDate since = facts.today().minusDays(days);
            for (AccountFacts a : live(facts)) {
                boolean stale = a.lastContact() == null ? a.createdOn().isBefore(since) : a.lastContact().isBefore(since);
                if (stale) {
                    findings.add(finding(kind(), a, List.of("timeline of account " + a.id()), List.of("timeline"),
                            values("last contact", a.lastContact() == null ? "never" : a.lastContact(), "threshold", days + " days"),
                            a.subject().name() + (a.lastContact() == null ? " has no call, meeting or email logged"
                                    : " was last contacted on " + a.lastContact()) + " (more than " + days + " days).",
                            "Log the latest call, meeting or email on the account's timeline", "/accounts/" + a.id()));
                }
            }
            return findings;
        }
    }

    /** An active account nobody owns. */
    record MissingOwner() implements Check {
        public FindingKind kind() {
            return FindingKind.MISSING_OWNER;
        }

        public List<Finding> evaluate(HygieneFacts facts) {
            return live(facts).stream().filter(a -> a.subject().owner() == null).map(a -> finding(kind(), a,
                    List.of("account " + a.id()), List.of("accounts"), values("owner", "none"),
                    a.subject().name() + " has no owner.", "Assign a CSM on the account page (or owner_email in the accounts import)",
                    "/accounts/" + a.id() + "/edit")).toList();
        }
    }

    /** An active account without an active contact in the role (economic sponsor or champion). */
    record MissingRole(StakeholderRole role) implements Check {
        public FindingKind kind() {
            return role == StakeholderRole.ECONOMIC_SPONSOR ? FindingKind.MISSING_SPONSOR : FindingKind.MISSING_CHAMPION;
        }

        public List<Finding> evaluate(HygieneFacts facts) {
            String what = role == StakeholderRole.ECONOMIC_SPONSOR ? "economic sponsor" : "champion";
            return live(facts).stream().filter(a -> !a.rolesInPlace().contains(role)).map(a -> finding(kind(), a,
                    List.of("stakeholders of account " + a.id()), List.of("stakeholders"), values(what, "none"),
                    a.subject().name() + " has no active " + what + ".",
                    "Add the " + what + " on the account page (or in the stakeholders import)", "/accounts/" + a.id()))
                    .toList();
        }
    }

    /** Every imported table of stated figures, recomputed: each wrong total or percentage with the right one. */
    record StatedFigures() implements Check {
        public FindingKind kind() {
            return FindingKind.STATED_FIGURE_WRONG;
        }

        public List<Finding> evaluate(HygieneFacts facts) {
            List<Finding> findings = new ArrayList<>();
            for (StatedTable table : facts.tables()) {
                for (StatedTable.Wrong w : table.wrongFigures()) {
                    findings.add(new Finding(kind(), kind().severity(), List.of(),
                            List.of(table.name() + " line " + w.line() + ", " + w.column()),
                            List.of("metrics table " + table.name() + " (imported " + table.importedOn() + ")"),
                            values("row", w.row(), "column", w.column(), "stated", w.stated(), "computed", w.computed(),
                                    "rule", w.rule()),
                            table.name() + ", " + w.row() + ", " + w.column() + ": states " + w.stated() + ", the parts give "
                                    + w.computed() + " (" + w.rule() + ").",
                            "Correct line " + w.line() + " of " + table.name() + " and import it again (./lodestar import metrics)",
                            null));
                }
            }
            return findings;
        }
    }

    /** Ends with one full stop, also after a name that ends with one ("Inc."). */
    private static String sentence(String text) {
        return text.endsWith(".") ? text : text + ".";
    }

    private static List<AccountFacts> live(HygieneFacts facts) {
        return facts.accounts().stream().filter(a -> !a.churned()).toList();
    }

    private static Finding finding(FindingKind kind, AccountFacts account, List<String> records, List<String> sources,
            Map<String, String> values, String summary, String fix, String link) {
        return new Finding(kind, kind.severity(), List.of(account.subject()), records, sources, values, summary, fix, link);
    }

    private static List<String> records(String first, List<Contract> running) {
        List<String> records = new ArrayList<>(List.of(first));
        running.forEach(c -> records.add("contract " + c.id()));
        return records;
    }

    private static String crmSource(AccountFacts a) {
        return "CRM import " + a.crm().source();
    }

    private static String contracts(AccountFacts a) {
        return "/accounts/" + a.id() + "/subscriptions";
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    /** Values in the order given, as text. */
    private static Map<String, String> values(Object... pairs) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], Objects.toString(pairs[i + 1]));
        }
        return values;
    }
}
