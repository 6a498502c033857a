package org.lodestar.cli;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.lodestar.infrastructure.CsvCells;
import org.lodestar.revenue.RetentionFigures;
import org.lodestar.revenue.RetentionGrouping;
import org.lodestar.revenue.RetentionReport;
import org.lodestar.revenue.RetentionReports;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

@Command(name = "report", description = "Reports on the book.", subcommands = { ReportCommand.Retention.class,
        RenewalsCommand.class })
class ReportCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    enum Format { table, csv, json }

    @Command(name = "retention", description = { "NRR, GRR and their parts over a period, per group and in total.",
            "Starting ARR is the ARR of the accounts active the day before --from; --to is included." })
    static class Retention implements Callable<Integer> {

        @Mixin
        DatabaseOptions database;

        @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD", description = "First day of the period.")
        LocalDate from;

        @Option(names = "--to", required = true, paramLabel = "YYYY-MM-DD", description = "Last day of the period.")
        LocalDate to;

        @Option(names = "--by", paramLabel = "GROUPING", converter = GroupingConverter.class,
                description = "segment, coverage, owner or cohort (default: the whole book only).")
        RetentionGrouping by;

        @Option(names = "--format", defaultValue = "table", description = "table, csv or json (default: ${DEFAULT-VALUE}).")
        Format format;

        @Override
        public Integer call() {
            if (to.isBefore(from)) {
                System.err.println("--to must be on or after --from " + from + ", got " + to);
                return 2;
            }
            try (ConfigurableApplicationContext context = Instance.tool(database)) {
                RetentionReport report = context.getBean(RetentionReports.class).report(from, to, by);
                switch (format) {
                    case json -> System.out.println(context.getBean(JsonMapper.class).writerWithDefaultPrettyPrinter()
                            .writeValueAsString(report));
                    case csv -> printCsv(report);
                    case table -> printTable(report);
                }
                return 0;
            }
        }

        private static final String[] HEADER = { "group", "starting accounts", "starting ARR", "expansion", "contraction",
                "churn", "ending ARR", "NRR", "GRR", "logos lost", "logo churn", "new accounts", "new ARR",
                "closing ARR" };

        private static List<RetentionFigures> rows(RetentionReport report) {
            List<RetentionFigures> rows = new ArrayList<>(report.groups());
            rows.add(report.total());
            return rows;
        }

        private static void printCsv(RetentionReport report) {
            try {
                CSVPrinter csv = new CSVPrinter(System.out, CSVFormat.RFC4180.builder().setHeader(HEADER).get());
                for (RetentionFigures f : rows(report)) {
                    csv.printRecord(CsvCells.safe(f.group()), f.startingAccounts(), plain(f.startingArr()), plain(f.expansion()),
                            plain(f.contraction()), plain(f.churn()), plain(f.endingArr()), plain(f.nrr()), plain(f.grr()),
                            f.logosLost(), plain(f.logoChurn()), f.newAccounts(), plain(f.newArr()), plain(f.closingArr()));
                }
                csv.flush();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private void printTable(RetentionReport report) {
            System.out.println("Retention " + report.from() + " to " + report.to()
                    + (report.by() == null ? "" : " by " + report.by().label()) + " (" + database.describe() + ")");
            List<String[]> lines = new ArrayList<>();
            lines.add(new String[] { "group", "accounts", "starting ARR", "+expansion", "-contraction", "-churn",
                    "ending ARR", "NRR", "GRR", "logos lost", "new accounts", "new ARR" });
            for (RetentionFigures f : rows(report)) {
                lines.add(new String[] { f.group(), String.valueOf(f.startingAccounts()), money(f.startingArr()),
                        money(f.expansion()), money(f.contraction()), money(f.churn()),
                        money(f.endingArr()), percent(f.nrr()), percent(f.grr()),
                        f.logosLost() + (f.logoChurn() == null ? "" : " (" + percent(f.logoChurn()) + ")"),
                        String.valueOf(f.newAccounts()), money(f.newArr()) });
            }
            Table.print(lines);
            RetentionFigures total = report.total();
            System.out.println("Closing ARR " + money(total.closingArr()) + " = ending ARR of the starting accounts "
                    + money(total.endingArr()) + " + new ARR " + money(total.newArr()) + ".");
        }
    }

    static String money(BigDecimal amount) {
        return amount == null ? "" : String.format("%,.2f", amount);
    }

    static String percent(BigDecimal rate) {
        return rate == null ? "n/a" : rate.movePointRight(2).setScale(1, java.math.RoundingMode.HALF_EVEN) + "%";
    }

    static String plain(BigDecimal amount) {
        return amount == null ? "" : amount.toPlainString();
    }

    static class GroupingConverter implements picocli.CommandLine.ITypeConverter<RetentionGrouping> {
        @Override
        public RetentionGrouping convert(String value) {
            try {
                return RetentionGrouping.of(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
