package org.lodestar.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.lodestar.accounts.Account;
import org.lodestar.accounts.Accounts;
import org.lodestar.errors.InvalidInput;
import org.lodestar.reviews.PackRefused;
import org.lodestar.reviews.Quarter;
import org.lodestar.reviews.RenderedPack;
import org.lodestar.reviews.ReviewKind;
import org.lodestar.reviews.ReviewPacks;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "review", description = { "A business review pack for an account: a PPTX deck and a PDF of the quarter.",
        "The pack carries the CSM's saved draft. Refused (exit 3) when a total on it does not match its parts." })
class ReviewCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Parameters(index = "0", paramLabel = "ACCOUNT", description = "The account's external id, e.g. P-ACME.")
    String account;

    @Option(names = "--kind", defaultValue = "qbr", paramLabel = "qbr|ebr",
            description = "qbr, or ebr for the executive review with the multi-year view and sponsors (default: ${DEFAULT-VALUE}).")
    String kind;

    @Option(names = "--quarter", required = true, paramLabel = "YYYYQn", description = "The quarter, e.g. 2026Q4.")
    String quarter;

    @Option(names = "--out", defaultValue = ".", paramLabel = "DIR", description = "Where to write the files (default: the current folder).")
    Path out;

    @Override
    public Integer call() {
        ReviewKind reviewKind;
        Quarter reviewQuarter;
        try {
            reviewKind = ReviewKind.of(kind);
            reviewQuarter = Quarter.parse("--quarter", quarter);
        } catch (IllegalArgumentException e) {
            System.err.println("--kind: " + e.getMessage());
            return 2;
        } catch (InvalidInput e) {
            e.problems().forEach(p -> System.err.println(p.field() + ": " + p.reason()));
            return 2;
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            System.err.println("--out: " + out + " is a file; expected a folder");
            return 2;
        }
        try (ConfigurableApplicationContext context = Instance.tool(database)) {
            Account found = context.getBean(Accounts.class).findByExternalId(account).orElse(null);
            if (found == null) {
                System.err.println("ACCOUNT: no account with the external id '" + account + "'");
                return 2;
            }
            RenderedPack pack;
            try {
                pack = context.getBean(ReviewPacks.class).render(found.id(), reviewKind, reviewQuarter);
            } catch (InvalidInput e) {
                e.problems().forEach(p -> System.err.println(p.field() + ": " + p.reason()));
                return 2;
            } catch (PackRefused e) {
                System.err.println("The " + reviewKind.label().toUpperCase() + " " + reviewQuarter.label() + " pack of "
                        + found.name() + " is not written: totals do not match their parts.");
                e.mismatches().forEach(t -> System.err.println("  " + t.mismatch()));
                return 3;
            }
            Files.createDirectories(out);
            Path pptx = out.resolve(pack.fileName() + ".pptx");
            Path pdf = out.resolve(pack.fileName() + ".pdf");
            Files.write(pptx, pack.pptx());
            Files.write(pdf, pack.pdf());
            System.out.println("Wrote " + pptx + " (" + pack.pptx().length / 1024 + " KB) and " + pdf + " ("
                    + pack.pdf().length / 1024 + " KB): the " + reviewKind.title().toLowerCase() + " of " + found.name()
                    + " for " + reviewQuarter.label() + ", every total checked against its parts.");
            return 0;
        } catch (IOException e) {
            System.err.println("--out: could not write to " + out + ": " + e.getMessage());
            return 1;
        }
    }
}
