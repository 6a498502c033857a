package org.lodestar.hygiene.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lodestar.hygiene.DataHygiene;
import org.lodestar.hygiene.Finding;
import org.lodestar.hygiene.FindingKind;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The data hygiene page: the score per CSM, then the findings grouped by kind, each with its accounts and the fix. */
@Controller
class HygienePage {

    /** The findings of one kind, for the page. */
    public record Group(FindingKind kind, String title, List<Finding> findings) {
    }

    private final DataHygiene hygiene;

    HygienePage(DataHygiene hygiene) {
        this.hygiene = hygiene;
    }

    @GetMapping("/hygiene")
    String page(@RequestParam(required = false) String kind, @RequestParam(required = false) String owner, Model model) {
        FindingKind only = null;
        List<String> problems = new ArrayList<>();
        if (kind != null && !kind.isBlank()) {
            try {
                only = FindingKind.of(kind);
            } catch (IllegalArgumentException e) {
                problems.add("kind: " + e.getMessage());
            }
        }
        String ownerFilter = owner == null || owner.isBlank() ? null : owner.strip();
        DataHygiene.Report report = hygiene.report(new DataHygiene.Filter(only, null, ownerFilter));
        List<Finding> findings = report.findings();
        Map<FindingKind, List<Finding>> byKind = new LinkedHashMap<>();
        for (FindingKind k : FindingKind.values()) {
            List<Finding> of = findings.stream().filter(f -> f.kind() == k).toList();
            if (!of.isEmpty()) {
                byKind.put(k, of);
            }
        }
        model.addAttribute("groups", byKind.entrySet().stream().map(e -> new Group(e.getKey(), e.getKey().title(), e.getValue()))
                .toList());
        model.addAttribute("findingCount", findings.size());
        model.addAttribute("scores", report.scores());
        model.addAttribute("kinds", FindingKind.values());
        model.addAttribute("selectedKind", only == null ? "" : only.label());
        model.addAttribute("selectedOwner", ownerFilter == null ? "" : ownerFilter);
        model.addAttribute("problems", problems);
        return "hygiene";
    }
}
