package org.lodestar.reviews.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.lodestar.errors.InvalidInput;
import org.lodestar.reviews.DraftEdit;
import org.lodestar.reviews.PackCrossCheck;
import org.lodestar.reviews.PackRefused;
import org.lodestar.reviews.Quarter;
import org.lodestar.reviews.RenderedPack;
import org.lodestar.reviews.ReviewDraft;
import org.lodestar.reviews.ReviewDrafts;
import org.lodestar.reviews.ReviewKind;
import org.lodestar.reviews.ReviewPack;
import org.lodestar.reviews.ReviewPacks;
import org.lodestar.reviews.StatedFigure;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The account page's Review tab, loaded and saved by htmx: pick the kind and quarter, edit the narrative and the stated
 * figures (each with its parts, one "label: value" a line), see whether every total adds up, and download the pack.
 * Read-only users see the draft without the form's save button (and the security configuration refuses their POST).
 */
@Controller
class ReviewPanel {

    /** Quarters the picker offers: this one and the seven before it. */
    static final int QUARTERS = 8;

    private final ReviewDrafts drafts;
    private final ReviewPacks packs;
    private final PackAssembler assembler;

    ReviewPanel(ReviewDrafts drafts, ReviewPacks packs, PackAssembler assembler) {
        this.drafts = drafts;
        this.packs = packs;
        this.assembler = assembler;
    }

    /** A stated figure as the form shows it: the parts as "label: value" lines. */
    record FigureRow(String label, String unit, String stated, String parts) {
    }

    @GetMapping("/accounts/{id}/review")
    String panel(@PathVariable long id, @RequestParam(required = false) String kind,
            @RequestParam(required = false) String quarter, Authentication who, Model model) {
        List<String> errors = new ArrayList<>();
        ReviewKind reviewKind = ReviewKind.QBR;
        Quarter current = Quarter.of(assembler.today());
        Quarter reviewQuarter = current.previous();
        try {
            reviewKind = kind == null || kind.isBlank() ? ReviewKind.QBR : ReviewsApi.kind(kind);
            reviewQuarter = quarter == null || quarter.isBlank() ? current.previous() : Quarter.parse("quarter", quarter);
            assembler.checkStarted(reviewQuarter);
        } catch (InvalidInput e) {
            errors.addAll(e.named(Map.of()));
            reviewQuarter = current.previous();
        }
        ReviewDraft draft = drafts.get(id, reviewKind, reviewQuarter);
        return show(id, draft, errors, null, who, model);
    }

    @PostMapping("/accounts/{id}/review")
    String save(@PathVariable long id, @RequestParam String kind, @RequestParam String quarter,
            @RequestParam(required = false) String summary, @RequestParam(required = false) String customerAsks,
            @RequestParam(required = false) String ourAsks, @RequestParam(required = false) String nextGoals,
            @RequestParam(name = "figureLabel", required = false) List<String> labels,
            @RequestParam(name = "figureUnit", required = false) List<String> units,
            @RequestParam(name = "figureStated", required = false) List<String> stated,
            @RequestParam(name = "figureParts", required = false) List<String> parts, Authentication who, Model model) {
        ReviewKind reviewKind = ReviewsApi.kind(kind);
        Quarter reviewQuarter = Quarter.parse("quarter", quarter);
        List<FigureRow> rows = new ArrayList<>();
        for (int i = 0; labels != null && i < labels.size(); i++) {
            rows.add(new FigureRow(labels.get(i), at(units, i), at(stated, i), at(parts, i)));
        }
        try {
            List<StatedFigure> figures = figures(rows);
            ReviewDraft saved = drafts.save(id, reviewKind, reviewQuarter,
                    new DraftEdit(summary, customerAsks, ourAsks, nextGoals, figures));
            return show(id, saved, List.of(), "Draft saved.", who, model);
        } catch (InvalidInput e) {
            ReviewDraft typed = new ReviewDraft(null, id, reviewKind, reviewQuarter,
                    new ReviewPack.Narrative(summary, customerAsks, ourAsks, nextGoals), List.of(), null, null);
            model.addAttribute("typedFigures", rows.stream().filter(r -> !blank(r)).toList());
            return show(id, typed, e.named(Map.of()), null, who, model);
        }
    }

    @GetMapping("/accounts/{id}/review/{kind}/{quarter}.pptx")
    ResponseEntity<?> pptx(@PathVariable long id, @PathVariable String kind, @PathVariable String quarter) {
        return download(id, kind, quarter, true);
    }

    @GetMapping("/accounts/{id}/review/{kind}/{quarter}.pdf")
    ResponseEntity<?> pdf(@PathVariable long id, @PathVariable String kind, @PathVariable String quarter) {
        return download(id, kind, quarter, false);
    }

    private ResponseEntity<?> download(long id, String kind, String quarter, boolean deck) {
        try {
            RenderedPack pack = packs.render(id, ReviewsApi.kind(kind), Quarter.parse("quarter", quarter));
            return deck ? ReviewsApi.file(pack.fileName() + ".pptx", ReviewsApi.PPTX, pack.pptx())
                    : ReviewsApi.file(pack.fileName() + ".pdf", MediaType.APPLICATION_PDF, pack.pdf());
        } catch (PackRefused e) {
            return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).contentType(MediaType.TEXT_PLAIN).body(e.getMessage());
        } catch (InvalidInput e) {
            return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body(e.getMessage());
        }
    }

    private String show(long id, ReviewDraft draft, List<String> errors, String notice, Authentication who, Model model) {
        Quarter current = Quarter.of(assembler.today());
        List<String> quarters = new ArrayList<>();
        for (Quarter q = current; quarters.size() < QUARTERS; q = q.previous()) {
            quarters.add(q.toString());
        }
        model.addAttribute("accountId", id);
        model.addAttribute("draft", draft);
        model.addAttribute("kind", draft.kind().label());
        model.addAttribute("quarter", draft.quarter().toString());
        model.addAttribute("quarters", quarters);
        model.addAttribute("kinds", List.of(ReviewKind.values()));
        if (!model.containsAttribute("typedFigures")) {
            model.addAttribute("typedFigures", draft.figures().stream().map(f -> new FigureRow(f.label(), f.unit(),
                    f.stated().stripTrailingZeros().toPlainString(), String.join("\n", f.parts().stream()
                            .map(p -> p.label() + ": " + p.value().stripTrailingZeros().toPlainString()).toList())))
                    .toList());
        }
        model.addAttribute("canEdit", who != null && who.getAuthorities().stream()
                .anyMatch(a -> "PERM_WRITE".equals(a.getAuthority())));
        model.addAttribute("errors", errors);
        model.addAttribute("notice", notice);
        List<String> mismatches = List.of();
        int checked = 0;
        if (errors.isEmpty()) {
            try {
                ReviewPack pack = packs.pack(id, draft.kind(), draft.quarter());
                checked = PackCrossCheck.totals(pack).size();
            } catch (PackRefused e) {
                mismatches = e.mismatches().stream().map(PackCrossCheck.Total::mismatch).toList();
            }
        }
        model.addAttribute("mismatches", mismatches);
        model.addAttribute("checked", checked);
        return "reviews :: panel";
    }

    private static String at(List<String> values, int i) {
        return values == null || i >= values.size() ? "" : values.get(i);
    }

    private static boolean blank(FigureRow row) {
        return (row.label() == null || row.label().isBlank()) && (row.stated() == null || row.stated().isBlank())
                && (row.parts() == null || row.parts().isBlank());
    }

    /** The figures typed: a row left blank is none (how a figure is removed); parts are "label: value" lines. */
    static List<StatedFigure> figures(List<FigureRow> rows) {
        var problems = new InvalidInput.Collector();
        List<StatedFigure> figures = new ArrayList<>();
        int n = 0;
        for (FigureRow row : rows) {
            if (blank(row)) {
                continue;
            }
            String at = "figures[" + n++ + "]";
            BigDecimal stated = number(problems, at + ".stated", row.stated());
            List<StatedFigure.Part> parts = new ArrayList<>();
            List<String> lines = row.parts() == null ? List.of() : row.parts().lines().filter(l -> !l.isBlank()).toList();
            for (int j = 0; j < lines.size(); j++) {
                String line = lines.get(j);
                int colon = line.lastIndexOf(':');
                if (colon < 0) {
                    problems.add(at + ".parts[" + j + "]", "expected 'label: value', such as 'Hours saved: 120000', got '"
                            + line.strip() + "'");
                    continue;
                }
                parts.add(new StatedFigure.Part(line.substring(0, colon).strip(),
                        number(problems, at + ".parts[" + j + "].value", line.substring(colon + 1))));
            }
            figures.add(new StatedFigure(row.label(), row.unit(), stated, parts));
        }
        problems.throwIfAny();
        return figures;
    }

    private static BigDecimal number(InvalidInput.Collector problems, String field, String text) {
        String clean = text == null ? "" : text.strip().replace(",", "").replace(" ", "");
        try {
            return clean.isEmpty() ? null : new BigDecimal(clean);
        } catch (NumberFormatException e) {
            problems.add(field, "expected a number such as 120000 or 1250.50, got '" + text.strip() + "'");
            return BigDecimal.ZERO;
        }
    }
}
