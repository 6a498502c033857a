package org.lodestar.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.lodestar.accounts.CoverageModel;
import org.lodestar.accounts.StakeholderDraft;

/**
 * Plans the whole demo book in memory from a seed and a day, without touching the database:
 * the same seed and day always give the same plan. {@link DemoBook} writes it.
 */
final class BookPlanner {

    /** Enough accounts for eight CSM books, segment and cohort reports, and a busy renewal calendar. */
    static final int ACCOUNTS = 380;
    /** Enterprise customers with subsidiaries, each with one to three: enough hierarchy to roll up. */
    private static final int PARENTS = 6;
    /** Subsidiaries are mostly mid-market business units; the rest are small local offices. */
    private static final double MID_MARKET_SUBSIDIARY = 0.75;

    private final long seed;
    private final LocalDate today;
    private final Companies companies = new Companies();
    private final SigningCalendar calendar;

    private BookPlanner(long seed, LocalDate today) {
        this.seed = seed;
        this.today = today;
        this.calendar = new SigningCalendar(today);
    }

    /** The customers in the order they must be created: every parent before its subsidiaries. */
    static List<CustomerPlan> plan(long seed, LocalDate today) {
        return new BookPlanner(seed, today).planAll();
    }

    private List<CustomerPlan> planAll() {
        Dice roster = Dice.of(seed, 0);
        List<Segment> segments = segments(roster);
        Map<Integer, Integer> parentOf = hierarchy(roster, segments);
        Map<Integer, Set<String>> regionsByParent = new HashMap<>();
        List<CustomerPlan> plans = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            Dice dice = Dice.of(seed, i + 1L);
            Integer parentIndex = parentOf.get(i);
            if (parentIndex == null) {
                plans.add(customer(dice, i + 1, segments.get(i), null, null));
            } else {
                Set<String> siblingRegions = regionsByParent.computeIfAbsent(parentIndex, key -> new HashSet<>());
                plans.add(customer(dice, i + 1, segments.get(i), plans.get(parentIndex), siblingRegions));
            }
        }
        return plans;
    }

    /** Each segment's share of the accounts, in a seeded order. */
    private static List<Segment> segments(Dice dice) {
        int enterprise = (int) Math.round(ACCOUNTS * Segment.ENTERPRISE.share());
        int midMarket = (int) Math.round(ACCOUNTS * Segment.MID_MARKET.share());
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            segments.add(i < enterprise ? Segment.ENTERPRISE
                    : i < enterprise + midMarket ? Segment.MID_MARKET : Segment.SMB);
        }
        return dice.shuffled(segments);
    }

    /**
     * Subsidiary index to parent index. The parents are the first enterprise accounts in the list and
     * their subsidiaries come later in it, so a parent is always created before its children.
     */
    private static Map<Integer, Integer> hierarchy(Dice dice, List<Segment> segments) {
        Map<Integer, Integer> parentOf = new HashMap<>();
        int parents = 0;
        for (int parent = 0; parent < segments.size() && parents < PARENTS; parent++) {
            if (segments.get(parent) != Segment.ENTERPRISE) {
                continue;
            }
            parents++;
            for (int child = dice.between(1, 3); child > 0; child--) {
                Segment wanted = dice.chance(MID_MARKET_SUBSIDIARY) ? Segment.MID_MARKET : Segment.SMB;
                List<Integer> open = new ArrayList<>();
                for (int j = parent + 1; j < segments.size(); j++) {
                    if (segments.get(j) == wanted && !parentOf.containsKey(j)) {
                        open.add(j);
                    }
                }
                if (!open.isEmpty()) {
                    parentOf.put(dice.pick(open), parent);
                }
            }
        }
        return parentOf;
    }

    /** Subsidiaries share their parent's owner and get its high-touch coverage: the family is one relationship. */
    private CustomerPlan customer(Dice dice, int number, Segment segment, CustomerPlan parent,
            Set<String> siblingRegions) {
        Company company = parent == null ? companies.next(dice)
                : companies.subsidiary(dice, parent.company(), siblingRegions);
        LocalDate since = customerSince(dice, parent);
        ContractHistory history = ContractPlanner.plan(dice, segment, number, since, today);
        String owner = parent == null ? CsTeam.ownerFor(dice, segment) : parent.owner();
        CoverageModel coverage = parent == null ? segment.coverage() : CoverageModel.HIGH_TOUCH;
        List<StakeholderDraft> contacts = Contacts.plan(dice, segment, company.domain(), history, today);
        CustomerPlan plan = new CustomerPlan(number, externalId(number), billingId(number), company, segment, owner,
                coverage, parent == null ? null : parent.externalId(), history.stage(today), history, contacts,
                List.of());
        return plan.withActivities(Activities.plan(dice, plan, today));
    }

    /** Subsidiaries sign after their parent: land, then expand across the group. */
    private LocalDate customerSince(Dice dice, CustomerPlan parent) {
        LocalDate drawn = calendar.draw(dice);
        if (parent == null) {
            return drawn;
        }
        LocalDate parentSince = parent.history().customerSince();
        return drawn.isAfter(parentSince) ? drawn : dice.dayBetween(parentSince, today.minusDays(1));
    }

    /** The CRM id: {@code CRM-000123}. */
    static String externalId(int number) {
        return String.format("CRM-%06d", number);
    }

    /** A Stripe-style customer id derived from the account number, so an account keeps it whatever the seed. */
    static String billingId(int number) {
        String digits = Long.toString(Dice.scramble(number) >>> 8, 36);
        return "cus_" + "0".repeat(Math.max(0, 11 - digits.length())) + digits;
    }
}
