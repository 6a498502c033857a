package org.lodestar.revenue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.lodestar.accounts.SegmentBands;
import org.lodestar.errors.InvalidInput;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The target planner (§2): from each segment's GRR and NRR over the last 12 months and a target, the
 * churn ARR to save and the expansion ARR to add each quarter ({@link TargetPath}), and the accounts
 * that carry it: renewals in the horizon at risk, and healthy accounts to expand.
 */
@Service
public class TargetPlanner {

    public static final int MAX_QUARTERS = 12;
    private static final int MAX_ACCOUNTS = 25;

    private final RetentionReports reports;
    private final Renewals renewals;
    private final SegmentBands bands;
    private final JdbcClient jdbc;

    TargetPlanner(RetentionReports reports, Renewals renewals, SegmentBands bands, JdbcClient jdbc) {
        this.reports = reports;
        this.renewals = renewals;
        this.bands = bands;
        this.jdbc = jdbc;
    }

    /** A target in percent, e.g. GRR 93 and NRR 115. */
    public record Target(BigDecimal grr, BigDecimal nrr) {
    }

    public record Request(Integer quarters, Map<String, Target> targets) {
    }

    public record Plan(LocalDate asOf, LocalDate measuredFrom, LocalDate measuredTo, List<String> quarters,
            List<SegmentPlan> segments) {
    }

    public record SegmentPlan(String segment, BigDecimal baseArr, BigDecimal currentGrr, BigDecimal currentNrr,
            BigDecimal targetGrr, BigDecimal targetNrr, List<QuarterGap> gaps, BigDecimal churnToSave,
            BigDecimal expansionToAdd, List<AtRisk> renewalsAtRisk, BigDecimal arrAtRisk, List<Candidate> expansionCandidates,
            BigDecimal expansionPotential) {
    }

    public record QuarterGap(String quarter, BigDecimal grr, BigDecimal nrr, BigDecimal churnToSave,
            BigDecimal expansionToAdd) {
    }

    /** A renewal in the horizon whose forecast is below its due ARR: {@code arrAtRisk} is the difference. */
    public record AtRisk(long accountId, String accountName, String owner, LocalDate renewalDate, String quarter,
            BigDecimal arrDue, BigDecimal forecastArr, BigDecimal arrAtRisk, RenewalRisk risk, List<String> reasons) {
    }

    /** An account with no warning signs, and what the target expansion rate would add to it in a year. */
    public record Candidate(long accountId, String accountName, String owner, BigDecimal arr, BigDecimal potential) {
    }

    /** Targets written {@code segment:grr:nrr} in percent, e.g. {@code enterprise:93:115}. */
    public static Map<String, Target> parseTargets(List<String> written) {
        Map<String, Target> targets = new LinkedHashMap<>();
        var problems = new InvalidInput.Collector();
        for (String one : written) {
            String[] parts = one.trim().split(":");
            try {
                if (parts.length != 3) {
                    throw new NumberFormatException();
                }
                if (targets.put(parts[0].trim(), new Target(new BigDecimal(parts[1].trim()), new BigDecimal(parts[2].trim()))) != null) {
                    problems.add("target", "segment " + parts[0].trim() + " has two targets");
                }
            } catch (NumberFormatException e) {
                problems.add("target", "expected SEGMENT:GRR:NRR in percent, e.g. enterprise:93:115, got '" + one + "'");
            }
        }
        problems.throwIfAny();
        return targets;
    }

    public Plan plan(Request request) {
        int quarters = request.quarters() == null ? 4 : request.quarters();
        var problems = new InvalidInput.Collector();
        if (quarters < 1 || quarters > MAX_QUARTERS) {
            problems.add("quarters", "expected 1 to " + MAX_QUARTERS + ", got " + quarters);
        }
        Set<String> segments = bands.getBands().stream().map(SegmentBands.Band::name).collect(Collectors.toSet());
        if (request.targets() == null || request.targets().isEmpty()) {
            problems.add("targets", "give a target per segment, e.g. {\"enterprise\": {\"grr\": 93, \"nrr\": 115}}");
        } else {
            request.targets().forEach((segment, target) -> {
                String at = "targets." + segment;
                if (!segments.contains(segment)) {
                    problems.add(at, "unknown segment; expected one of " + bands.getBands().stream()
                            .map(SegmentBands.Band::name).collect(Collectors.joining(", ")));
                } else if (target == null || target.grr() == null || target.nrr() == null) {
                    problems.add(at, "needs grr and nrr in percent, e.g. {\"grr\": 93, \"nrr\": 115}");
                } else {
                    if (target.grr().signum() <= 0 || target.grr().compareTo(BigDecimal.valueOf(100)) > 0) {
                        problems.add(at + ".grr", "expected a percentage above 0 and at most 100, got " + target.grr());
                    }
                    if (target.nrr().compareTo(target.grr()) < 0 || target.nrr().compareTo(BigDecimal.valueOf(300)) > 0) {
                        problems.add(at + ".nrr", "expected a percentage from the GRR target up to 300, got " + target.nrr());
                    }
                }
            });
        }
        problems.throwIfAny();

        LocalDate today = renewals.today();
        LocalDate measuredTo = today.minusDays(1);
        LocalDate measuredFrom = today.minusYears(1);
        RetentionReport lastYear = reports.report(measuredFrom, measuredTo, RetentionGrouping.SEGMENT);
        LocalDate firstQuarter = RetentionReports.Interval.QUARTER.startOf(today).plusMonths(3);
        List<String> labels = new ArrayList<>();
        for (int q = 0; q < quarters; q++) {
            labels.add(RetentionReports.quarterOf(firstQuarter.plusMonths(3L * q)));
        }
        LocalDate horizonEnd = firstQuarter.plusMonths(3L * quarters).minusDays(1);
        List<Renewal> ahead = renewals.between(today, horizonEnd, null);

        List<SegmentPlan> plans = new ArrayList<>();
        for (SegmentBands.Band band : bands.getBands()) {
            Target target = request.targets().get(band.name());
            if (target == null) {
                continue;
            }
            RetentionFigures figures = lastYear.groups().stream().filter(g -> g.group().equals(band.name())).findFirst()
                    .orElse(RetentionFigures.of(band.name(), List.of()));
            BigDecimal base = figures.closingArr();
            BigDecimal currentGrr = figures.grr() == null ? BigDecimal.ONE : figures.grr();
            BigDecimal currentNrr = figures.nrr() == null ? BigDecimal.ONE : figures.nrr();
            BigDecimal targetGrr = percent(target.grr());
            BigDecimal targetNrr = percent(target.nrr());
            List<TargetPath.Step> steps = TargetPath.steps(base, currentGrr, currentNrr, targetGrr, targetNrr, quarters);
            List<QuarterGap> gaps = new ArrayList<>();
            for (TargetPath.Step step : steps) {
                gaps.add(new QuarterGap(labels.get(step.quarter() - 1), step.grr(), step.nrr(), step.churnToSave(),
                        step.expansionToAdd()));
            }
            List<AtRisk> atRisk = ahead.stream()
                    .filter(r -> band.name().equals(r.segment()) && r.outcome() == null)
                    .filter(r -> r.forecastArr().compareTo(r.arrDue()) < 0)
                    .map(r -> new AtRisk(r.accountId(), r.accountName(), r.owner(), r.renewalDate(),
                            RetentionReports.quarterOf(r.renewalDate()), r.arrDue(), r.forecastArr(),
                            r.arrDue().subtract(r.forecastArr()), r.risk(), r.riskReasons()))
                    .sorted(Comparator.comparing(AtRisk::arrAtRisk).reversed().thenComparing(AtRisk::accountId))
                    .limit(MAX_ACCOUNTS).toList();
            BigDecimal expansionRate = targetNrr.subtract(targetGrr).max(currentNrr.subtract(currentGrr)).max(BigDecimal.ZERO);
            List<Candidate> candidates = expansionCandidates(band.name(), expansionRate, today);
            plans.add(new SegmentPlan(band.name(), base, currentGrr, currentNrr, targetGrr, targetNrr, gaps,
                    sum(gaps.stream().map(QuarterGap::churnToSave).toList()),
                    sum(gaps.stream().map(QuarterGap::expansionToAdd).toList()), atRisk,
                    sum(atRisk.stream().map(AtRisk::arrAtRisk).toList()), candidates,
                    sum(candidates.stream().map(Candidate::potential).toList())));
        }
        return new Plan(today, measuredFrom, measuredTo, labels, plans);
    }

    /**
     * The segment's largest accounts with ARR and no warning sign: no contraction in the last year and
     * an active sponsor or champion; potential is their ARR times the expansion rate to reach.
     */
    private List<Candidate> expansionCandidates(String segment, BigDecimal rate, LocalDate today) {
        return jdbc.sql("""
                select a.id, a.name, a.arr, u.email from account a left join app_user u on u.id = a.owner_id
                where a.segment = ? and a.arr > 0
                  and exists (select 1 from stakeholder s where s.account_id = a.id and s.status = 'ACTIVE'
                              and s.role in ('ECONOMIC_SPONSOR', 'CHAMPION'))
                  and not exists (select 1 from arr_movement m where m.account_id = a.id and m.kind = 'contraction'
                              and m.effective_date > ? and m.effective_date <= ? and m.amount < 0)
                order by a.arr desc, a.id
                limit ?""")
                .params(segment, java.sql.Date.valueOf(today.minusYears(1)), java.sql.Date.valueOf(today), MAX_ACCOUNTS)
                .query((rs, n) -> new Candidate(rs.getLong("id"), rs.getString("name"), rs.getString("email"),
                        rs.getBigDecimal("arr").setScale(2),
                        rs.getBigDecimal("arr").multiply(rate).setScale(2, RoundingMode.HALF_EVEN)))
                .list();
    }

    private static BigDecimal percent(BigDecimal value) {
        return value.movePointLeft(2);
    }

    private static BigDecimal sum(List<BigDecimal> amounts) {
        return amounts.stream().reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }
}
