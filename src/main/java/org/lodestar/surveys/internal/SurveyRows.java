package org.lodestar.surveys.internal;

import java.util.List;
import java.util.Map;

import org.lodestar.accounts.AccountSet;
import org.lodestar.accounts.BookFacts;
import org.lodestar.accounts.Stakeholder;
import org.lodestar.accounts.Stakeholders;
import org.lodestar.surveys.SurveyResponse;
import org.springframework.stereotype.Component;

/**
 * Answers as the surveys page and its CSV list them: each with its account's name and, when the respondent's email is
 * one of the account's contacts, that contact's name.
 */
@Component
class SurveyRows {

    /** An answer with its account's name and its respondent's name (null when not a known contact). */
    record Row(SurveyResponse answer, String accountName, String contactName) {
    }

    private final BookFacts book;
    private final Stakeholders stakeholders;

    SurveyRows(BookFacts book, Stakeholders stakeholders) {
        this.book = book;
        this.stakeholders = stakeholders;
    }

    /** The rows of these answers, in their order; names and contacts are read in one go. */
    List<Row> of(List<SurveyResponse> answers) {
        List<Long> ids = answers.stream().map(SurveyResponse::accountId).distinct().toList();
        Map<Long, BookFacts.Profile> accounts = book.profiles(AccountSet.of(ids), true);
        Map<Long, List<Stakeholder>> contacts = ids.isEmpty() ? Map.of() : stakeholders.listByAccount(ids);
        return answers.stream().map(a -> new Row(a, name(accounts.get(a.accountId()), a.accountId()),
                contact(contacts.getOrDefault(a.accountId(), List.of()), a.respondentEmail()))).toList();
    }

    private static String name(BookFacts.Profile account, long accountId) {
        return account == null ? "Account " + accountId : account.name();
    }

    private static String contact(List<Stakeholder> contacts, String email) {
        if (email == null) {
            return null;
        }
        return contacts.stream().filter(c -> c.email() != null && c.email().equalsIgnoreCase(email)).map(Stakeholder::name)
                .findFirst().orElse(null);
    }
}
