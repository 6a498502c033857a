package org.lodestar.demo;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The generator's only source of chance. {@link Random}'s algorithm is fixed by its specification,
 * so a seed yields the same book on every JDK. Each part of the book (the roster, each account)
 * draws from its own stream, so a change in one part does not reshuffle the others.
 */
public final class Dice {

    private final Random random;

    private Dice(long seed) {
        this.random = new Random(seed);
    }

    /** Stream number {@code stream} of the book seeded with {@code seed}. */
    static Dice of(long seed, long stream) {
        return new Dice(scramble(seed ^ scramble(stream)));
    }

    /** SplitMix64's finaliser: spreads neighbouring numbers (seeds 1, 2, 3; accounts 1, 2, 3) far apart. */
    public static long scramble(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    /** A whole number from {@code min} to {@code max}, both included. */
    int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    /** A number from {@code min} (included) to {@code max} (excluded). */
    double uniform(double min, double max) {
        return min + (max - min) * random.nextDouble();
    }

    /** A number from the standard normal distribution (mean 0, standard deviation 1). */
    double normal() {
        return random.nextGaussian();
    }

    /** A number from 0 (included) to 1 (excluded). */
    double unit() {
        return random.nextDouble();
    }

    <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    /** An index into {@code weights}, drawn in proportion to them. */
    int weighted(double[] weights) {
        double total = 0;
        for (double weight : weights) {
            total += weight;
        }
        double roll = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            roll -= weights[i];
            if (roll < 0) {
                return i;
            }
        }
        for (int i = weights.length - 1; i >= 0; i--) {
            if (weights[i] > 0) {
                return i; // rounding left a sliver at the end
            }
        }
        throw new IllegalArgumentException("weights must include a positive one");
    }

    /** A day from {@code first} to {@code last}, both included. */
    LocalDate dayBetween(LocalDate first, LocalDate last) {
        long span = ChronoUnit.DAYS.between(first, last);
        if (span < 0) {
            throw new IllegalArgumentException("no day between " + first + " and " + last);
        }
        return first.plusDays(random.nextInt((int) span + 1));
    }

    /** A shuffled copy (Fisher-Yates), so the order depends on this stream only. */
    <T> List<T> shuffled(List<T> items) {
        List<T> copy = new ArrayList<>(items);
        for (int i = copy.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T swap = copy.get(i);
            copy.set(i, copy.get(j));
            copy.set(j, swap);
        }
        return copy;
    }
}
