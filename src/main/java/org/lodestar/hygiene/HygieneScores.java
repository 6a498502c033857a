package org.lodestar.hygiene;

import java.util.List;

/**
 * Hygiene scores: per account, 100 minus the weight of each finding naming it (high 25, medium 10, low 5), never below
 * zero; per CSM, the mean of their accounts' scores (churned accounts left out), with the count of their findings.
 */
public record HygieneScores(List<AccountScore> accounts, List<CsmScore> csms) {

    public record AccountScore(long id, String name, String owner, int score, int findings) {
    }

    public record CsmScore(String owner, String name, int accounts, int score, int findings) {
    }
}
