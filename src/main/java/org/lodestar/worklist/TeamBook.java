package org.lodestar.worklist;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.lodestar.signals.SignalCategory;
import org.lodestar.tasks.Tasks;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The book view of §6 for the team: accounts and ARR by segment × band, ARR at risk, renewals ahead,
 * each CSM's accounts and ARR by coverage model, and how each CSM's open work splits by kind.
 * Churned accounts are left out. Every total is the sum of its rows.
 */
@Service
public class TeamBook {

    /** Accounts and ARR of one cell. */
    public record Cell(long accounts, BigDecimal arr) {
        static final Cell EMPTY = new Cell(0, BigDecimal.ZERO.setScale(2));

        Cell plus(long moreAccounts, BigDecimal moreArr) {
            return new Cell(accounts + moreAccounts, arr.add(moreArr));
        }
    }

    /** One CSM (or "unassigned"): accounts and ARR per coverage model, at risk, renewing in 90 days, open work by kind. */
    public record Csm(String owner, String name, Map<String, Cell> coverage, Cell total, Cell atRisk, Cell renewing90,
            Map<SignalCategory, Long> openWork, long openTasks) {
    }

    /** Renewals due within a window: how many and their account ARR. */
    public record Ahead(int days, Cell cell) {
    }

    // Named apart from the other View types: springdoc names a schema by the simple name.
    @Schema(name = "TeamBook")
    public record View(LocalDate today, List<String> segments, List<String> bands, Map<String, Map<String, Cell>> bySegmentBand,
            Cell total, Cell atRisk, List<Ahead> renewalsAhead, List<Csm> csms, Map<String, Map<SignalCategory, Long>> teams) {
    }

    static final List<String> BANDS = List.of("red", "yellow", "green", "unscored");
    public static final List<String> COVERAGE = List.of("high-touch", "tech-touch", "digital");

    private final JdbcClient jdbc;
    private final Tasks tasks;
    private final Clock clock;

    TeamBook(JdbcClient jdbc, Tasks tasks, Clock clock) {
        this.jdbc = jdbc;
        this.tasks = tasks;
        this.clock = clock;
    }

    public View view() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Map<String, Map<String, Cell>> grid = new TreeMap<>();
        Map<String, Csm> csms = new TreeMap<>();
        Cell total = Cell.EMPTY;
        Cell atRisk = Cell.EMPTY;
        int[] windows = { 30, 60, 90, 180 };
        Cell[] ahead = { Cell.EMPTY, Cell.EMPTY, Cell.EMPTY, Cell.EMPTY };
        Map<String, Map<SignalCategory, Long>> work = tasks.openWorkByOwner();
        Map<String, Map<String, Cell>> coverage = new TreeMap<>();
        Map<String, Cell[]> perCsm = new TreeMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (Map<String, Object> row : jdbc.sql("""
                select a.segment, a.coverage_model, a.arr, a.renewal_date, h.band, u.email, u.name,
                    (select count(*) from signal s where s.account_id = a.id and s.resolved_at is null and s.category = 'rescue')
                        as rescue_signals
                from account a left join account_health h on h.account_id = a.id left join app_user u on u.id = a.owner_id
                where a.lifecycle_stage <> 'CHURNED'""").query().listOfRows()) {
            String segment = (String) row.get("segment");
            String band = row.get("band") == null || "NONE".equals(row.get("band")) ? "unscored"
                    : row.get("band").toString().toLowerCase(Locale.ROOT);
            BigDecimal arr = (BigDecimal) row.get("arr");
            String owner = row.get("email") == null ? "unassigned" : (String) row.get("email");
            names.putIfAbsent(owner, row.get("name") == null ? "Unassigned" : (String) row.get("name"));
            grid.computeIfAbsent(segment, s -> new LinkedHashMap<>()).merge(band, new Cell(1, arr), (a, b) -> a.plus(b.accounts(), b.arr()));
            total = total.plus(1, arr);
            boolean risky = "red".equals(band) || ((Number) row.get("rescue_signals")).longValue() > 0;
            String cover = row.get("coverage_model").toString().toLowerCase(Locale.ROOT).replace('_', '-');
            coverage.computeIfAbsent(owner, o -> new LinkedHashMap<>()).merge(cover, new Cell(1, arr),
                    (a, b) -> a.plus(b.accounts(), b.arr()));
            Cell[] mine = perCsm.computeIfAbsent(owner, o -> new Cell[] { Cell.EMPTY, Cell.EMPTY, Cell.EMPTY });
            mine[0] = mine[0].plus(1, arr);
            if (risky) {
                atRisk = atRisk.plus(1, arr);
                mine[1] = mine[1].plus(1, arr);
            }
            LocalDate renewal = row.get("renewal_date") == null ? null : ((Date) row.get("renewal_date")).toLocalDate();
            if (renewal != null && !renewal.isBefore(today)) {
                for (int i = 0; i < windows.length; i++) {
                    if (!renewal.isAfter(today.plusDays(windows[i]))) {
                        ahead[i] = ahead[i].plus(1, arr);
                    }
                }
                if (!renewal.isAfter(today.plusDays(90))) {
                    mine[2] = mine[2].plus(1, arr);
                }
            }
        }
        List<Csm> rows = new ArrayList<>();
        for (Map.Entry<String, Cell[]> e : perCsm.entrySet()) {
            Map<String, Cell> byCoverage = new LinkedHashMap<>();
            COVERAGE.forEach(c -> byCoverage.put(c, coverage.get(e.getKey()).getOrDefault(c, Cell.EMPTY)));
            Map<SignalCategory, Long> split = new EnumMap<>(SignalCategory.class);
            for (SignalCategory c : SignalCategory.values()) {
                split.put(c, work.getOrDefault(e.getKey(), Map.of()).getOrDefault(c, 0L));
            }
            rows.add(new Csm(e.getKey(), names.get(e.getKey()), byCoverage, e.getValue()[0], e.getValue()[1], e.getValue()[2],
                    split, split.values().stream().mapToLong(Long::longValue).sum()));
        }
        Map<String, Map<SignalCategory, Long>> teams = new TreeMap<>();
        for (String team : List.of("sales", "support")) {
            if (work.containsKey(team)) {
                teams.put(team, work.get(team));
            }
        }
        List<Ahead> renewals = new ArrayList<>();
        for (int i = 0; i < windows.length; i++) {
            renewals.add(new Ahead(windows[i], ahead[i]));
        }
        return new View(today, new ArrayList<>(grid.keySet()), BANDS, grid, total, atRisk, renewals, rows, teams);
    }
}
