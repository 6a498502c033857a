package org.lodestar.reviews.internal;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.lodestar.infrastructure.Money;
import org.lodestar.reviews.ReviewKind;
import org.lodestar.reviews.ReviewPack;
import org.lodestar.reviews.StatedFigure;

/**
 * The pack as slides: a title and blocks (text, tables, charts, key figures) per slide, in words and formatted
 * numbers. The PPTX and the PDF both draw these, so they show the same figures in the same order.
 */
public final class PackLayout {

    /** Rows a table shows before it says how many more there are. */
    static final int MOST_ROWS = 8;
    /** Lines of a narrative text a slide shows. */
    static final int MOST_LINES = 9;
    static final int MOST_LINE_CHARS = 220;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    public sealed interface Block {
    }

    /** Text in paragraphs; lines starting "- " are bullets. */
    public record Text(String text, int size, boolean bold) implements Block {
    }

    /** A table; the last row is a total when {@code total}; {@code weights} share the width between the columns. */
    public record Table(List<String> header, List<List<String>> rows, boolean total, List<Integer> weights) implements Block {
    }

    /** Charts side by side; a null image is drawn as {@code empty} in words. */
    public record Charts(List<Chart> charts) implements Block {
    }

    public record Chart(String caption, byte[] png, String empty) {
    }

    /** Big numbers in a row of tiles. */
    public record KeyFigures(List<KeyFigure> figures) implements Block {
    }

    public record KeyFigure(String label, String value) {
    }

    /** Texts side by side, each under its heading. */
    public record Columns(List<Column> columns) implements Block {
    }

    public record Column(String heading, String text) {
    }

    public record Slide(String title, List<Block> blocks) {
    }

    private final ReviewPack pack;
    private final PackCharts charts;
    private final Money money;

    private PackLayout(ReviewPack pack, PackCharts charts, Money money) {
        this.pack = pack;
        this.charts = charts;
        this.money = money;
    }

    /** The footer of every slide: account, kind and quarter. */
    public static String footer(ReviewPack pack) {
        return pack.accountName() + " · " + pack.kind().label().toUpperCase(Locale.ROOT) + " " + pack.quarter().label();
    }

    public static String fileName(ReviewPack pack) {
        return pack.accountExternalId() + "-" + pack.kind().label() + "-" + pack.quarter();
    }

    public static List<Slide> slides(ReviewPack pack, PackCharts charts, Money money) {
        return new PackLayout(pack, charts, money).slides();
    }

    private List<Slide> slides() {
        List<Slide> slides = new ArrayList<>();
        slides.add(title());
        slides.add(summary());
        if (pack.kind() == ReviewKind.EBR) {
            slides.add(sponsors());
            slides.add(longView());
        }
        slides.add(plan());
        slides.add(trends());
        slides.add(adoption());
        slides.add(support());
        slides.add(arr());
        slides.add(risks());
        slides.add(new Slide("Asks both ways", List.of(new Columns(List.of(
                new Column("What we ask of " + pack.accountName(), words(pack.narrative().customerAsks(), "Nothing asked.")),
                new Column("What we commit to", words(pack.narrative().ourAsks(), "Nothing committed yet.")))))));
        slides.addAll(figures());
        slides.add(new Slide("Goals for " + pack.quarter().next().label(),
                List.of(new Text(words(pack.narrative().nextGoals(), "No goals set yet."), 16, false))));
        return slides;
    }

    private Slide title() {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Text(pack.accountName(), 40, true));
        blocks.add(new Text(pack.kind().title() + " · " + pack.quarter().label(), 24, false));
        blocks.add(new Text((pack.owner() == null ? "" : "Prepared by " + pack.owner() + " · ") + "figures as of "
                + day(pack.asOf()), 14, false));
        return new Slide("", blocks);
    }

    private Slide summary() {
        ReviewPack.PlanValue plan = pack.plan();
        List<KeyFigure> figures = new ArrayList<>();
        figures.add(new KeyFigure("ARR at the end of " + pack.quarter().label(), amount(pack.arr().end())));
        figures.add(new KeyFigure("Milestones done", plan.doneCount() + " of " + plan.planned()));
        List<ReviewPack.HealthPoint> health = pack.trends().health();
        figures.add(new KeyFigure("Health score", health.isEmpty() ? "—" : health.getLast().score().toPlainString()));
        figures.add(new KeyFigure("Next renewal", pack.renewal() == null ? "none" : day(pack.renewal().date())));
        return new Slide("Summary", List.of(new KeyFigures(figures), new Text(words(pack.narrative().summary(),
                "No summary written yet."), 16, false)));
    }

    private Slide plan() {
        ReviewPack.PlanValue plan = pack.plan();
        long thisQuarter = plan.done().stream().filter(ReviewPack.MilestoneLine::thisQuarter).count();
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Table(List.of("Milestones", "Count"), List.of(List.of("Done", String.valueOf(plan.doneCount())),
                List.of("Open", String.valueOf(plan.openCount())), List.of("Planned", String.valueOf(plan.planned()))),
                true, List.of(3, 1)));
        if (plan.done().isEmpty()) {
            blocks.add(new Text(plan.planned() == 0 ? "No success plan yet." : "No milestone done yet.", 14, false));
        } else {
            List<List<String>> rows = new ArrayList<>();
            for (ReviewPack.MilestoneLine m : plan.done().stream().limit(MOST_ROWS).toList()) {
                rows.add(List.of(m.title(), day(m.completedOn()), m.evidence() == null ? "—" : clip(m.evidence(), 90)));
            }
            blocks.add(new Text("Done (" + thisQuarter + " in " + pack.quarter().label() + "), with evidence:", 14, true));
            blocks.add(new Table(List.of("Milestone", "Done on", "Evidence"), rows, false, List.of(4, 2, 5)));
            more(blocks, plan.done().size());
        }
        return new Slide("Value delivered against the plan", blocks);
    }

    private Slide trends() {
        return new Slide("Health and usage trends", List.of(new Charts(List.of(
                new Chart("Health score by day", charts.health(), "No health score in this period."),
                new Chart("Active users per day, weekly average", charts.usage(), "No usage in this period."))),
                new Text("The four quarters to " + day(pack.asOf()) + ".", 12, false)));
    }

    private Slide adoption() {
        ReviewPack.Adoption adoption = pack.adoption();
        List<List<String>> rows = new ArrayList<>();
        adoption.used().forEach(m -> rows.add(List.of(m, "used")));
        adoption.unused().forEach(m -> rows.add(List.of(m, "not used")));
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Table(List.of("Modules contracted", "Count"), List.of(List.of("Used in the quarter",
                String.valueOf(adoption.used().size())), List.of("Not used", String.valueOf(adoption.unused().size())),
                List.of("Contracted", String.valueOf(adoption.contracted()))), true, List.of(3, 1)));
        if (!rows.isEmpty()) {
            blocks.add(new Table(List.of("Module", "In the quarter"), rows.stream().limit(MOST_ROWS).toList(), false,
                    List.of(3, 1)));
            more(blocks, rows.size());
        }
        if (!adoption.usedNotContracted().isEmpty()) {
            blocks.add(new Text("Used without a contract: " + String.join(", ", adoption.usedNotContracted()), 14, false));
        }
        return new Slide("Adoption by module", blocks);
    }

    private Slide support() {
        ReviewPack.SupportSummary support = pack.support();
        List<List<String>> rows = new ArrayList<>();
        support.byPriority().forEach(p -> rows.add(List.of(p.priority(), String.valueOf(p.tickets()))));
        rows.add(List.of("Total", String.valueOf(support.opened())));
        return new Slide("Support", List.of(new Table(List.of("Tickets opened in " + pack.quarter().label(), "Tickets"), rows,
                true, List.of(3, 1)), new Text("Of these, " + support.solved() + " solved and " + support.escalated()
                        + " escalated. Open at " + day(pack.asOf()) + ": " + support.openAtEnd() + ".", 14, false)));
    }

    private Slide arr() {
        ReviewPack.ArrBridge arr = pack.arr();
        boolean cents = List.of(arr.start(), arr.newArr(), arr.expansion(), arr.reactivation(), arr.contraction(), arr.churn(),
                arr.end()).stream().anyMatch(PackLayout::hasCents);
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("ARR at the start of " + pack.quarter().label(), amount(arr.start(), cents)));
        rows.add(List.of("+ New", amount(arr.newArr(), cents)));
        rows.add(List.of("+ Expansion", amount(arr.expansion(), cents)));
        rows.add(List.of("+ Reactivation", amount(arr.reactivation(), cents)));
        rows.add(List.of("− Contraction", amount(arr.contraction(), cents)));
        rows.add(List.of("− Churn", amount(arr.churn(), cents)));
        rows.add(List.of("ARR at the end of " + pack.quarter().label(), amount(arr.end(), cents)));
        ReviewPack.RenewalAhead renewal = pack.renewal();
        String next = renewal == null ? "No renewal ahead."
                : "Next renewal: " + renewal.contract() + " on " + day(renewal.date()) + ", " + amount(renewal.arrDue())
                        + " ARR due.";
        return new Slide("ARR and renewal", List.of(new Table(List.of("ARR bridge", "Amount"), rows, true, List.of(3, 2)),
                new Text(next, 16, true)));
    }

    private Slide risks() {
        List<ReviewPack.Risk> risks = pack.risks();
        if (risks.isEmpty()) {
            return new Slide("Risks", List.of(new Text("No risk signal was open in " + pack.quarter().label() + ".", 16, false)));
        }
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Table(List.of("Severity", "Risk", "Since"), risks.stream().limit(MOST_ROWS)
                .map(r -> List.of(r.severity(), clip(r.summary(), 140), day(r.since()))).toList(), false, List.of(1, 6, 2)));
        more(blocks, risks.size());
        return new Slide("Risks", blocks);
    }

    /** The stated figures, two to a slide, each with up to five parts shown (the rest summed in one line). */
    private List<Slide> figures() {
        List<Slide> slides = new ArrayList<>();
        List<StatedFigure> all = pack.figures();
        for (int from = 0; from < all.size(); from += 2) {
            List<Block> blocks = new ArrayList<>();
            for (StatedFigure figure : all.subList(from, Math.min(from + 2, all.size()))) {
                List<List<String>> rows = new ArrayList<>();
                figure.parts().stream().limit(5).forEach(p -> rows.add(List.of(p.label(), number(p.value(), figure.unit()))));
                if (figure.parts().size() > 5) {
                    BigDecimal rest = figure.parts().stream().skip(5).map(StatedFigure.Part::value)
                            .reduce(BigDecimal.ZERO, BigDecimal::add);
                    rows.add(List.of((figure.parts().size() - 5) + " more parts", number(rest, figure.unit())));
                }
                rows.add(List.of(figure.label(), number(figure.stated(), figure.unit())));
                blocks.add(new Table(List.of("Parts of " + figure.label(), figure.unit().isEmpty() ? "Value" : figure.unit()),
                        rows, true, List.of(3, 2)));
            }
            slides.add(new Slide(all.size() > 2 ? "Value figures (" + (from / 2 + 1) + " of " + (all.size() + 1) / 2 + ")"
                    : "Value figures", blocks));
        }
        return slides;
    }

    private Slide sponsors() {
        if (pack.sponsors().isEmpty()) {
            return new Slide("Sponsors", List.of(new Text("No economic sponsor or executive on record.", 16, false)));
        }
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Table(List.of("Sponsor", "Title", "Role", "Status"), pack.sponsors().stream().limit(MOST_ROWS)
                .map(s -> List.of(s.name(), s.title() == null ? "—" : clip(s.title(), 60), s.role(),
                        s.leftOn() == null ? "active" : "left " + day(s.leftOn()))).toList(), false, List.of(3, 3, 2, 2)));
        more(blocks, pack.sponsors().size());
        return new Slide("Sponsors", blocks);
    }

    private Slide longView() {
        ReviewPack.LongView view = pack.longView();
        List<List<String>> rows = new ArrayList<>();
        boolean cents = view.years().stream().anyMatch(y -> hasCents(y.start()) || hasCents(y.movements()) || hasCents(y.end()));
        for (ReviewPack.YearArr year : view.years()) {
            rows.add(List.of(String.valueOf(year.year()), amount(year.start(), cents),
                    (year.movements().signum() < 0 ? "−" : "+") + amount(year.movements().abs(), cents),
                    amount(year.end(), cents)));
        }
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Charts(List.of(new Chart("ARR at each year's end", charts.arrByYear(), "No ARR on record."),
                new Chart("Average health score by quarter", charts.healthByQuarter(), "No health score on record."))));
        if (!rows.isEmpty()) {
            blocks.add(new Table(List.of("Year", "ARR at the start", "Movements", "ARR at the end"), rows, false,
                    List.of(1, 2, 2, 2)));
        }
        return new Slide("The multi-year view", blocks);
    }

    private static void more(List<Block> blocks, int all) {
        if (all > MOST_ROWS) {
            blocks.add(new Text("and " + (all - MOST_ROWS) + " more", 12, false));
        }
    }

    /** The text as a slide shows it: at most {@link #MOST_LINES} lines, each clipped; the placeholder when blank. */
    static String words(String text, String blank) {
        if (text == null || text.isBlank()) {
            return blank;
        }
        List<String> lines = text.strip().lines().map(l -> clip(l.strip(), MOST_LINE_CHARS)).filter(l -> !l.isEmpty()).toList();
        if (lines.size() > MOST_LINES) {
            List<String> kept = new ArrayList<>(lines.subList(0, MOST_LINES - 1));
            kept.add("… and " + (lines.size() - MOST_LINES + 1) + " more lines in the draft");
            lines = kept;
        }
        return String.join("\n", lines);
    }

    /** A text and the font size that lets it fit a box. */
    public record Fitted(String text, int size) {
    }

    /** Lines the text takes at the size in the width, by an average character width of half the size, in points. */
    public static double textHeight(String text, int size, double width) {
        int perLine = Math.max(1, (int) (width / (size * 0.5)));
        int lines = text.lines().mapToInt(l -> Math.max(1, (int) Math.ceil(l.length() / (double) perLine))).sum();
        return lines * size * 1.3 + 10;
    }

    /**
     * The text at the largest size from {@code size} down to 10 points that fits the box; at 10 points, as many of its
     * lines as fit, the last saying that the rest is in the draft.
     */
    public static Fitted fit(String text, int size, double width, double height) {
        for (int s = size; s >= 10; s--) {
            if (textHeight(text, s, width) <= height) {
                return new Fitted(text, s);
            }
        }
        List<String> lines = new ArrayList<>(text.lines().toList());
        while (lines.size() > 1 && textHeight(String.join("\n", lines) + "\n…", 10, width) > height) {
            lines.removeLast();
        }
        String kept = String.join("\n", lines);
        while (kept.length() > 20 && textHeight(kept + " … (more in the draft)", 10, width) > height) {
            kept = kept.substring(0, kept.length() - 20);
        }
        return new Fitted(kept.strip() + " … (more in the draft)", 10);
    }

    static String clip(String text, int most) {
        return text.length() <= most ? text : text.substring(0, most - 1).strip() + "…";
    }

    static String day(LocalDate day) {
        return day == null ? "—" : DAY.format(day);
    }

    private String amount(BigDecimal value) {
        return amount(value, hasCents(value));
    }

    static boolean hasCents(BigDecimal value) {
        return value.stripTrailingZeros().scale() > 0;
    }

    private String amount(BigDecimal value, boolean cents) {
        return cents ? money.exact(value) : money.whole(value);
    }

    static String number(BigDecimal value, String unit) {
        DecimalFormat format = new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ENGLISH));
        return format.format(value) + (unit == null || unit.isEmpty() ? "" : " " + unit);
    }
}
