package org.lodestar.reviews;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What a business review shows, section by section, with the numbers as read from the data and each total next to
 * its parts ({@link PackCrossCheck} verifies them before anything is rendered). {@code asOf} is the quarter's last
 * day, or today while the quarter runs. {@code longView} and {@code sponsors} are filled for an EBR only.
 */
public record ReviewPack(String accountName, String accountExternalId, String owner, ReviewKind kind, Quarter quarter,
        LocalDate asOf, Narrative narrative, PlanValue plan, Trends trends, Adoption adoption, SupportSummary support,
        ArrBridge arr, RenewalAhead renewal, List<Risk> risks, List<StatedFigure> figures, LongView longView,
        List<Sponsor> sponsors) {

    /** The same pack with the CSM's narrative and stated figures. */
    public ReviewPack withDraft(Narrative words, List<StatedFigure> stated) {
        return new ReviewPack(accountName, accountExternalId, owner, kind, quarter, asOf, words, plan, trends, adoption,
                support, arr, renewal, risks, List.copyOf(stated), longView, sponsors);
    }

    /** The CSM's words: the summary, what we ask of the customer, what we commit to, and next quarter's goals. */
    public record Narrative(String summary, String customerAsks, String ourAsks, String nextGoals) {
    }

    /**
     * The success plan against the quarter: milestones planned (all of the account's plans), done by the quarter's
     * end and still open; {@code done} lists those done, the quarter's first, with their evidence.
     */
    public record PlanValue(int planned, int doneCount, int openCount, List<MilestoneLine> done, List<MilestoneLine> open) {
    }

    /** A milestone as the pack shows it; {@code completedOn} is null while open. */
    public record MilestoneLine(String title, String outcome, LocalDate dueOn, LocalDate completedOn, String evidence,
            boolean thisQuarter) {
    }

    /** The health score by day, and usage by week (events, and the average daily active users). */
    public record Trends(List<HealthPoint> health, List<UsageWeek> usage) {
    }

    public record HealthPoint(LocalDate day, BigDecimal score) {
    }

    public record UsageWeek(LocalDate weekOf, long events, BigDecimal activeUsers) {
    }

    /** Modules contracted at the quarter's end: those used in the quarter and those not, plus use beyond the contract. */
    public record Adoption(int contracted, List<String> used, List<String> unused, List<String> usedNotContracted) {
    }

    /**
     * Tickets opened in the quarter, in total and by priority (urgent first), how many of them were solved, escalated,
     * and the tickets still open at the quarter's end (whenever opened).
     */
    public record SupportSummary(long opened, List<PriorityCount> byPriority, long solved, long escalated, long openAtEnd) {
    }

    public record PriorityCount(String priority, long tickets) {
    }

    /**
     * The quarter's ARR bridge from the ledger: ARR at the start, the movements (contraction and churn as positive
     * amounts taken away) and ARR at the end.
     */
    public record ArrBridge(BigDecimal start, BigDecimal newArr, BigDecimal expansion, BigDecimal reactivation,
            BigDecimal contraction, BigDecimal churn, BigDecimal end) {

        public BigDecimal bridged() {
            return start.add(newArr).add(expansion).add(reactivation).subtract(contraction).subtract(churn);
        }
    }

    /** The next renewal after the quarter's end, with the ARR it carries; null when nothing renews. */
    public record RenewalAhead(String contract, LocalDate date, BigDecimal arrDue) {
    }

    public record Risk(String severity, String summary, LocalDate since) {
    }

    /** The EBR's multi-year view: ARR at each year's end over the customer's life, and health by quarter. */
    public record LongView(List<YearArr> years, List<QuarterHealth> health) {
    }

    /** A year's ARR: at its start, the net of its movements, and at its end (the quarter's end for the last year). */
    public record YearArr(int year, BigDecimal start, BigDecimal movements, BigDecimal end) {
    }

    public record QuarterHealth(String quarter, BigDecimal averageScore) {
    }

    public record Sponsor(String name, String title, String role, LocalDate leftOn) {
    }
}
