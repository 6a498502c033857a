package org.lodestar.demo;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.lodestar.accounts.StakeholderDraft;
import org.lodestar.accounts.StakeholderRole;
import org.lodestar.accounts.StakeholderStatus;

/**
 * The people at a customer: an economic sponsor, a champion, a few users and sometimes an admin.
 * In a term that shows {@link WarningSign#KEY_CONTACT_GONE} the sponsor or the champion leaves once
 * the trouble starts and nobody takes over; at some other live customers one of them has recently
 * left and a successor was named (a change the score cannot see, since who joined when is not kept).
 */
final class Contacts {

    /** Share of live accounts whose sponsor or champion left lately and was replaced. */
    private static final double DEPARTURE_SHARE = 0.08;
    /** How far back a recent departure goes. */
    private static final int DEPARTURE_WINDOW_DAYS = 120;
    /** Nobody leaves in their first two weeks as our contact. */
    private static final int SETTLING_DAYS = 14;
    /** Champions change jobs more often than the executives who sign. */
    private static final double CHAMPION_LEAVES = 0.6;

    private static final List<String> FIRST_NAMES = List.of("Olivia", "Liam", "Emma", "Noah", "Ava", "Ethan",
            "Sophia", "Mason", "Isabella", "Lucas", "Mia", "Oliver", "Amelia", "Elijah", "Harper", "James", "Evelyn",
            "Benjamin", "Abigail", "Henry", "Emily", "Alexander", "Ella", "Daniel", "Grace", "Matthew", "Chloe",
            "Samuel", "Zoe", "David", "Nora", "Joseph", "Hannah", "Leo", "Aria", "Omar", "Fatima", "Arjun", "Ananya",
            "Wei", "Mei", "Hiroshi", "Yuki", "Kwame", "Amara", "Mateo", "Lucia", "Diego", "Camila", "Lars", "Ingrid",
            "Pierre", "Camille", "Felix", "Clara", "Tobias", "Freya", "Ravi", "Sean", "Niamh", "Jonas", "Elena",
            "Marco", "Giulia", "Ahmed", "Layla", "Ivan", "Katya");
    private static final List<String> LAST_NAMES = List.of("Smith", "Johnson", "Williams", "Brown", "Jones",
            "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Wilson", "Anderson", "Thomas",
            "Taylor", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson",
            "Walker", "Young", "Allen", "King", "Wright", "Scott", "Hill", "Green", "Adams", "Baker", "Nelson",
            "Carter", "Mitchell", "Perez", "Roberts", "Turner", "Phillips", "Campbell", "Parker", "Evans", "Edwards",
            "Collins", "Stewart", "Morris", "Murphy", "Cook", "Rogers", "Morgan", "Cooper", "Peterson", "Reed",
            "Bailey", "Kelly", "Howard", "Kim", "Nguyen", "Patel", "Singh", "Khan", "Ali", "Tanaka", "Sato", "Mueller",
            "Schmidt", "Fischer", "Weber", "Dubois", "Laurent", "Bernard", "Rossi", "Bianchi", "Jansen", "Visser",
            "Andersson", "Nilsson", "Johansson", "Byrne", "Walsh", "Mensah", "Silva", "Santos", "Costa", "Novak",
            "Kowalski", "Chen", "Wang", "Zhang");
    private static final List<String> CHAMPION_TITLES = List.of("Director of Support", "Customer Operations Manager",
            "Head of Support", "Support Operations Lead", "CX Programme Manager");
    private static final List<String> USER_TITLES = List.of("Support Team Lead", "Customer Success Specialist",
            "Operations Analyst", "Support Agent", "Data Analyst", "Account Coordinator");
    private static final List<String> ADMIN_TITLES = List.of("IT Administrator", "Systems Administrator",
            "CRM Administrator", "IT Manager");

    private final Dice dice;
    private final String domain;
    /** Emails handed out at this customer; only ever asked whether it holds one. */
    private final Set<String> emails = new HashSet<>();

    private Contacts(Dice dice, String domain) {
        this.dice = dice;
        this.domain = domain;
    }

    static List<StakeholderDraft> plan(Dice dice, Segment segment, String domain, ContractHistory history,
            LocalDate today) {
        Contacts contacts = new Contacts(dice, domain);
        List<StakeholderDraft> people = new ArrayList<>();
        people.add(contacts.next(StakeholderRole.ECONOMIC_SPONSOR, dice.pick(sponsorTitles(segment))));
        people.add(contacts.next(StakeholderRole.CHAMPION, dice.pick(CHAMPION_TITLES)));
        for (int i = usersAt(dice, segment); i > 0; i--) {
            people.add(contacts.next(StakeholderRole.USER, dice.pick(USER_TITLES)));
        }
        if (dice.chance(adminChance(segment))) {
            people.add(contacts.next(StakeholderRole.ADMIN, dice.pick(ADMIN_TITLES)));
        }
        ContractPlan gone = history.contracts().stream()
                .filter(contract -> contract.risk().shows(WarningSign.KEY_CONTACT_GONE)).findFirst().orElse(null);
        if (gone != null && gone.risk().warningFrom().isBefore(today)) {
            contacts.leavesUnreplaced(people, gone, today);
        } else if (!history.churned() && dice.chance(DEPARTURE_SHARE)) {
            contacts.replacedDeparture(people, history.customerSince(), today);
        }
        return List.copyOf(people);
    }

    /** The sponsor or champion leaves early in the term's trouble, before the renewal and before today; nobody takes over. */
    private void leavesUnreplaced(List<StakeholderDraft> people, ContractPlan term, LocalDate today) {
        LocalDate from = term.risk().warningFrom();
        LocalDate end = term.end().isBefore(today) ? term.end() : today;
        long span = ChronoUnit.DAYS.between(from, end);
        LocalDate leftOn = from.plusDays(dice.between(0, (int) Math.max(0, span / 2 - 1)));
        int who = dice.chance(CHAMPION_LEAVES) ? 1 : 0;
        StakeholderDraft leaving = people.get(who);
        people.set(who, new StakeholderDraft(leaving.email(), leaving.name(), leaving.title(), leaving.role(),
                StakeholderStatus.LEFT, leftOn));
    }

    /** The sponsor or champion leaves on a day in the last 120 days, and a successor is named. */
    private void replacedDeparture(List<StakeholderDraft> people, LocalDate customerSince, LocalDate today) {
        LocalDate windowStart = today.minusDays(DEPARTURE_WINDOW_DAYS);
        LocalDate settled = customerSince.plusDays(SETTLING_DAYS);
        LocalDate earliest = settled.isAfter(windowStart) ? settled : windowStart;
        LocalDate latest = today.minusDays(1);
        if (earliest.isAfter(latest)) {
            return;
        }
        int who = dice.chance(CHAMPION_LEAVES) ? 1 : 0;
        StakeholderDraft leaving = people.get(who);
        people.set(who, new StakeholderDraft(leaving.email(), leaving.name(), leaving.title(), leaving.role(),
                StakeholderStatus.LEFT, dice.dayBetween(earliest, latest)));
        people.add(next(leaving.role(), leaving.title()));
    }

    private StakeholderDraft next(StakeholderRole role, String title) {
        for (int attempt = 0; ; attempt++) {
            String first = dice.pick(FIRST_NAMES);
            String last = dice.pick(LAST_NAMES);
            String local = (first + "." + last).toLowerCase(Locale.ROOT) + (attempt < 20 ? "" : String.valueOf(attempt));
            String email = local + "@" + domain;
            if (emails.add(email)) {
                return new StakeholderDraft(email, first + " " + last, title, role, StakeholderStatus.ACTIVE, null);
            }
        }
    }

    /** Who signs grows with the deal: a C-level executive at enterprise, a founder at a small business. */
    private static List<String> sponsorTitles(Segment segment) {
        return switch (segment) {
            case ENTERPRISE -> List.of("Chief Operating Officer", "Chief Customer Officer", "VP Customer Operations",
                    "Chief Financial Officer", "SVP Support");
            case MID_MARKET -> List.of("VP Operations", "Head of Customer Experience", "Director of Operations",
                    "VP Customer Success");
            case SMB -> List.of("Founder & CEO", "General Manager", "Head of Operations", "Co-founder");
        };
    }

    private static int usersAt(Dice dice, Segment segment) {
        return switch (segment) {
            case ENTERPRISE -> dice.between(2, 4);
            case MID_MARKET -> dice.between(1, 3);
            case SMB -> dice.between(1, 2);
        };
    }

    /** Larger customers have someone who administers the tool. */
    private static double adminChance(Segment segment) {
        return switch (segment) {
            case ENTERPRISE -> 0.8;
            case MID_MARKET -> 0.5;
            case SMB -> 0.2;
        };
    }
}
