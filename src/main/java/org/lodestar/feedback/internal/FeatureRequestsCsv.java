package org.lodestar.feedback.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.lodestar.feedback.DemandRanking;
import org.lodestar.infrastructure.CsvCells;
import org.springframework.stereotype.Component;

/**
 * The ranking as CSV for the product team: one row per request with its figures, the ARR per segment
 * ({@code segment=amount;…}) and the asking accounts ({@code name;…}, largest ARR first). Titles and names a person
 * typed are escaped against spreadsheet formulas.
 */
@Component
class FeatureRequestsCsv {

    static final String[] HEADER = { "request_id", "title", "status", "accounts", "asks", "arr", "arr_at_risk",
            "arr_by_segment", "asking_accounts", "accounts_at_risk" };

    void write(List<DemandRanking.Ranked> ranked, Writer out) {
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER).get())) {
            for (DemandRanking.Ranked r : ranked) {
                printer.printRecord(r.requestId(), CsvCells.safe(r.title()), r.status().label(), r.accounts(), r.asks(),
                        r.arr().toPlainString(), r.arrAtRisk().toPlainString(),
                        CsvCells.safe(r.arrBySegment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().toPlainString())
                                .collect(Collectors.joining(";"))),
                        CsvCells.safe(r.askingAccounts().stream().map(DemandRanking.AskingAccount::name)
                                .collect(Collectors.joining(";"))),
                        CsvCells.safe(r.askingAccounts().stream().filter(DemandRanking.AskingAccount::atRisk)
                                .map(DemandRanking.AskingAccount::name).collect(Collectors.joining(";"))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
