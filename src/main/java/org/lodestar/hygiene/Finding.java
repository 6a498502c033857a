package org.lodestar.hygiene;

import java.util.List;
import java.util.Map;

/**
 * One thing wrong in the data: what kind, how severe, the accounts and records it names, the sources that disagree,
 * the values read (a map in reading order, e.g. {@code crm: 2027-03-31, contract: 2027-04-30}), a sentence saying it,
 * and where to fix it ({@code fix}, with {@code link} the page to go to, null when it is a file to re-import).
 */
public record Finding(FindingKind kind, FindingSeverity severity, List<Subject> accounts, List<String> records,
        List<String> sources, Map<String, String> values, String summary, String fix, String link) {

    /** An account a finding names, with its owner's email (null when unassigned). */
    public record Subject(long id, String name, String owner) {
    }

    public Finding {
        accounts = List.copyOf(accounts);
        records = List.copyOf(records);
        sources = List.copyOf(sources);
    }
}
