package org.lodestar.cli;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.ObjIntConsumer;

import org.lodestar.accounts.CoverageModel;
import org.lodestar.demo.Dice;
import org.lodestar.revenue.MovementKind;

/**
 * The retention benchmark's book: accounts numbered from 1, each with an ARR ledger over 2021–2025
 * that starts with a new contract and then expands, contracts, churns and comes back, never below
 * zero. Amounts are in cents. The same seed gives the same book: the movements are spread over the
 * accounts from one stream, and each account's history is drawn from a stream of its own, so
 * {@link #account} can be asked again and answers the same.
 */
final class BenchmarkLedger {

    static final LocalDate FIRST_DAY = LocalDate.of(2021, 1, 1);
    static final LocalDate LAST_DAY = LocalDate.of(2025, 12, 31);
    /** Late enough that the report's year has new accounts, early enough that they have a history. */
    private static final LocalDate LAST_START = LocalDate.of(2025, 6, 30);

    /** A tier of starting ARR in whole currency units, and the coverage its accounts get. */
    private record Tier(double share, int minArr, int maxArr, CoverageModel coverage) {
    }

    private static final List<Tier> TIERS = List.of(
            new Tier(0.10, 100_000, 600_000, CoverageModel.HIGH_TOUCH),
            new Tier(0.30, 25_000, 99_999, CoverageModel.TECH_TOUCH),
            new Tier(0.60, 1_000, 24_999, CoverageModel.DIGITAL));

    /** Share of accounts whose last movement is a churn, on a day spread over their life, not bunched at the end. */
    private static final double ENDS_CHURNED = 0.20;
    /** Chance that a movement midway is a churn, which the next movement reverses as a reactivation. */
    private static final double CHURN_MIDWAY = 0.005;
    private static final double EXPANSION = 0.70;

    record Movement(LocalDate effectiveDate, MovementKind kind, long cents) {
    }

    record Account(int number, CoverageModel coverage, List<Movement> movements) {

        String externalId() {
            return "BENCH-%06d".formatted(number);
        }

        long closingCents() {
            return movements.stream().mapToLong(Movement::cents).sum();
        }
    }

    private final long seed;
    private final int movements;
    private final int[] movementCounts;

    BenchmarkLedger(int accounts, int movements, long seed) {
        if (accounts < 1) {
            throw new IllegalArgumentException("--accounts: expected at least 1, got " + accounts);
        }
        if (movements < accounts) {
            throw new IllegalArgumentException("--movements: every account starts with a new contract, so expected at least "
                    + "--accounts (" + accounts + "), got " + movements);
        }
        this.seed = seed;
        this.movements = movements;
        this.movementCounts = new int[accounts];
        Arrays.fill(movementCounts, 1);
        // The other movements go to accounts in proportion to the days they were customers.
        long[] cumulativeDays = new long[accounts];
        long total = 0;
        for (int number = 1; number <= accounts; number++) {
            Lifespan life = lifespan(stream(number));
            total += life.end() - life.start() + 1;
            cumulativeDays[number - 1] = total;
        }
        Random spread = new Random(Dice.scramble(seed));
        for (int extra = movements - accounts; extra > 0; extra--) {
            long day = (long) (spread.nextDouble() * total);
            int found = Arrays.binarySearch(cumulativeDays, day + 1);
            movementCounts[found >= 0 ? found : -found - 1]++;
        }
    }

    int accounts() {
        return movementCounts.length;
    }

    /** Account {@code number} (1 to {@link #accounts()}) with its movements in the order they take effect. */
    Account account(int number) {
        Random random = stream(number);
        Lifespan life = lifespan(random);
        int count = movementCounts[number - 1];
        boolean endsChurned = life.endsChurned() && count > 1;
        List<LocalDate> days = days(random, life, count);
        List<Movement> movements = new ArrayList<>(count);
        long arr = (life.tier().minArr() + random.nextInt(life.tier().maxArr() - life.tier().minArr() + 1)) * 100L;
        movements.add(new Movement(days.getFirst(), MovementKind.NEW, arr));
        long arrBeforeChurn = arr;
        for (int i = 1; i < count; i++) {
            boolean last = i == count - 1;
            LocalDate day = days.get(i);
            Movement movement;
            if (arr == 0) {
                long back = Math.max(100_00, arrBeforeChurn * (50 + random.nextInt(71)) / 100);
                movement = new Movement(day, MovementKind.REACTIVATION, back);
            } else if (last ? endsChurned : random.nextDouble() < CHURN_MIDWAY) {
                arrBeforeChurn = arr;
                movement = new Movement(day, MovementKind.CHURN, -arr);
            } else if (random.nextDouble() < EXPANSION || arr < 200) {
                long up = Math.max(1, arr * (100 + random.nextInt(1101)) / 10_000);
                movement = new Movement(day, MovementKind.EXPANSION, up);
            } else {
                // At most 8% of at least 2.00, so ARR stays above zero.
                long down = Math.max(1, arr * (100 + random.nextInt(701)) / 10_000);
                movement = new Movement(day, MovementKind.CONTRACTION, -down);
            }
            arr += movement.cents();
            movements.add(movement);
        }
        return new Account(number, life.tier().coverage(), movements);
    }

    /**
     * Every movement of the book in the order an append-only ledger receives them: by effective day,
     * then by account, each account's own order kept. Loading them so leaves the table laid out as
     * years of use would, rather than account by account.
     */
    void inEffectiveOrder(ObjIntConsumer<Movement> sink) {
        int[] accountOf = new int[movements];
        byte[] kindOf = new byte[movements];
        long[] centsOf = new long[movements];
        long[] order = new long[movements]; // the day in the high half, the row in the low half
        int row = 0;
        for (int number = 1; number <= accounts(); number++) {
            for (Movement movement : account(number).movements()) {
                accountOf[row] = number;
                kindOf[row] = (byte) movement.kind().ordinal();
                centsOf[row] = movement.cents();
                order[row] = ChronoUnit.DAYS.between(FIRST_DAY, movement.effectiveDate()) << 32 | row;
                row++;
            }
        }
        Arrays.sort(order);
        MovementKind[] kinds = MovementKind.values();
        for (long key : order) {
            int at = (int) key;
            sink.accept(new Movement(FIRST_DAY.plusDays(key >>> 32), kinds[kindOf[at]], centsOf[at]), accountOf[at]);
        }
    }

    private Random stream(int number) {
        return new Random(Dice.scramble(seed ^ Dice.scramble(number)));
    }

    /**
     * The first draws of an account's stream: its tier, the day it starts and the last day it can
     * have a movement, which is its churn day for an account that ends churned.
     */
    private record Lifespan(Tier tier, int start, int end, boolean endsChurned) {
    }

    private static Lifespan lifespan(Random random) {
        Tier tier = tierOf(random.nextDouble());
        int start = random.nextInt((int) ChronoUnit.DAYS.between(FIRST_DAY, LAST_START) + 1);
        int last = (int) ChronoUnit.DAYS.between(FIRST_DAY, LAST_DAY);
        boolean endsChurned = random.nextDouble() < ENDS_CHURNED;
        int end = endsChurned ? start + 1 + random.nextInt(last - start) : last;
        return new Lifespan(tier, start, end, endsChurned);
    }

    private static Tier tierOf(double roll) {
        for (Tier tier : TIERS) {
            roll -= tier.share();
            if (roll < 0) {
                return tier;
            }
        }
        return TIERS.getLast();
    }

    /** The start day, then the other movements' days in order up to the end of the lifespan (its churn day). */
    private static List<LocalDate> days(Random random, Lifespan life, int count) {
        int[] offsets = new int[count];
        offsets[0] = life.start();
        for (int i = 1; i < count; i++) {
            offsets[i] = life.endsChurned() && i == count - 1 ? life.end()
                    : life.start() + random.nextInt(life.end() - life.start() + 1);
        }
        Arrays.sort(offsets, 1, count);
        List<LocalDate> days = new ArrayList<>(count);
        for (int offset : offsets) {
            days.add(FIRST_DAY.plusDays(offset));
        }
        return days;
    }
}
