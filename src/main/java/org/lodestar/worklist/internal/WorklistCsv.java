package org.lodestar.worklist.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.lodestar.infrastructure.CsvCells;
import org.lodestar.people.SignedIn;
import org.lodestar.worklist.WorkItem;
import org.lodestar.worklist.Worklist;
import org.lodestar.worklist.WorklistView;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletResponse;

/**
 * A CSM's Today as CSV: one row per account, in rank order, the accounts that fit the day first and then every one
 * that did not ({@code fits_today} false; the page shows only the first of those). Tasks are joined in one cell.
 */
@Controller
class WorklistCsv {

    static final String[] HEADER = { "rank", "fits_today", "owner_email", "account_id", "account_name", "health_band",
            "arr", "renewal_date", "reason", "category", "needs_attention", "open_tasks", "overdue_tasks", "due_on",
            "priority", "tasks" };

    private final Worklist worklist;

    WorklistCsv(Worklist worklist) {
        this.worklist = worklist;
    }

    @GetMapping("/today.csv")
    void today(@RequestParam(required = false) String owner, @AuthenticationPrincipal SignedIn me,
            HttpServletResponse response) throws IOException {
        WorklistView view = worklist.forOwner(owner == null || owner.isBlank() ? me.user().email() : owner);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"lodestar-today-" + view.today() + ".csv\"");
        write(view, response.getWriter());
    }

    static void write(WorklistView view, Writer out) {
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER).get())) {
            int rank = 0;
            for (List<WorkItem> part : List.of(view.items(), view.overflow())) {
                for (WorkItem item : part) {
                    printer.printRecord(++rank, part == view.items(), CsvCells.safe(view.owner()), item.accountId(),
                            CsvCells.safe(item.accountName()), item.band() == null ? "" : item.band(),
                            item.arr() == null ? "" : item.arr().toPlainString(),
                            item.renewalDate() == null ? "" : item.renewalDate(), CsvCells.safe(item.reason()),
                            item.category() == null ? "" : item.category().label(), item.needsAttention(), item.tasks().size(),
                            item.overdueTasks(), item.dueOn() == null ? "" : item.dueOn(),
                            item.priority() == null ? "" : item.priority().score().toPlainString(),
                            CsvCells.safe(item.tasks().stream().map(WorkItem.TaskLine::title).collect(Collectors.joining("; "))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
