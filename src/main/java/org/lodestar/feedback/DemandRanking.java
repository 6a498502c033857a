package org.lodestar.feedback;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.lodestar.accounts.HealthBand;

/**
 * Ranks product requests by revenue-weighted demand. Pure: the requests, the accounts that ask and what the book says
 * of those accounts come in; each account counts once per request however often it asked. ARR at risk is the ARR of
 * the asking accounts whose health is red or yellow or whose renewal falls within {@value #RENEWAL_DAYS} days of today.
 */
public final class DemandRanking {

    /** A renewal this close makes an asking account's ARR at risk: the request may decide the renewal. */
    public static final int RENEWAL_DAYS = 180;
    /** The segment an account without one is counted under. */
    public static final String NO_SEGMENT = "none";

    private DemandRanking() {
    }

    /** What the ranking needs to know of an account. */
    public record AccountFacts(long id, String name, BigDecimal arr, String segment, HealthBand band,
            LocalDate renewalDate) {

        boolean atRisk(LocalDate today) {
            return band == HealthBand.RED || band == HealthBand.YELLOW || renewalDate != null
                    && !renewalDate.isBefore(today) && !renewalDate.isAfter(today.plusDays(RENEWAL_DAYS));
        }

        String segmentOrNone() {
            return segment == null || segment.isBlank() ? NO_SEGMENT : segment;
        }
    }

    /** A request and the accounts behind its asks, one entry per ask (an account may appear more than once). */
    public record Demand(long requestId, String title, RequestStatus status, List<Long> askingAccounts) {
    }

    /** An account asking, with what made it count as at risk. */
    public record AskingAccount(long id, String name, BigDecimal arr, String segment, boolean atRisk, int asks) {
    }

    /** One request ranked: distinct accounts, asks, their ARR, ARR at risk and ARR per segment (summing to the ARR). */
    public record Ranked(long requestId, String title, RequestStatus status, int accounts, int asks, BigDecimal arr,
            BigDecimal arrAtRisk, Map<String, BigDecimal> arrBySegment, List<AskingAccount> askingAccounts) {

        public BigDecimal arrNotAtRisk() {
            return arr.subtract(arrAtRisk);
        }
    }

    /**
     * Ranks the requests; asks from accounts not in {@code facts} (outside a segment filter) are left out, and a
     * request none of whose asks is left is dropped. Ties go to the larger ARR, then the title.
     */
    public static List<Ranked> rank(List<Demand> demands, Map<Long, AccountFacts> facts, LocalDate today, DemandSort sort) {
        List<Ranked> ranked = new ArrayList<>();
        for (Demand demand : demands) {
            Map<Long, Integer> asksByAccount = new LinkedHashMap<>();
            for (long accountId : demand.askingAccounts()) {
                if (facts.containsKey(accountId)) {
                    asksByAccount.merge(accountId, 1, Integer::sum);
                }
            }
            if (asksByAccount.isEmpty()) {
                continue;
            }
            BigDecimal arr = BigDecimal.ZERO;
            BigDecimal atRisk = BigDecimal.ZERO;
            Map<String, BigDecimal> bySegment = new TreeMap<>();
            List<AskingAccount> asking = new ArrayList<>();
            int asks = 0;
            for (Map.Entry<Long, Integer> e : asksByAccount.entrySet()) {
                AccountFacts account = facts.get(e.getKey());
                BigDecimal accountArr = account.arr() == null ? BigDecimal.ZERO : account.arr();
                boolean risky = account.atRisk(today);
                arr = arr.add(accountArr);
                if (risky) {
                    atRisk = atRisk.add(accountArr);
                }
                bySegment.merge(account.segmentOrNone(), accountArr, BigDecimal::add);
                asking.add(new AskingAccount(account.id(), account.name(), accountArr, account.segmentOrNone(), risky,
                        e.getValue()));
                asks += e.getValue();
            }
            asking.sort(Comparator.comparing(AskingAccount::arr).reversed().thenComparing(AskingAccount::name));
            ranked.add(new Ranked(demand.requestId(), demand.title(), demand.status(), asksByAccount.size(), asks, arr,
                    atRisk, bySegment, List.copyOf(asking)));
        }
        Comparator<Ranked> byArr = Comparator.comparing(Ranked::arr).reversed();
        Comparator<Ranked> first = switch (sort) {
            case ARR -> byArr;
            case COUNT -> Comparator.comparingInt(Ranked::accounts).reversed().thenComparing(byArr);
            case AT_RISK -> Comparator.comparing(Ranked::arrAtRisk).reversed().thenComparing(byArr);
        };
        ranked.sort(first.thenComparing(Ranked::title, String.CASE_INSENSITIVE_ORDER).thenComparingLong(Ranked::requestId));
        return List.copyOf(ranked);
    }
}
