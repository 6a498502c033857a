package org.lodestar.surveys.internal;

import java.net.URI;
import java.util.List;

import org.lodestar.surveys.NpsCategory;
import org.lodestar.surveys.SentimentSummary;
import org.lodestar.surveys.SurveyDraft;
import org.lodestar.surveys.SurveyFilter;
import org.lodestar.surveys.SurveyKind;
import org.lodestar.surveys.SurveyResponse;
import org.lodestar.surveys.SurveyResponses;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Survey answers over HTTP. */
@RestController
@Tag(name = "Surveys", description = "NPS and CSAT answers per account")
class SurveysApi {

    private final SurveyResponses surveys;

    SurveysApi(SurveyResponses surveys) {
        this.surveys = surveys;
    }

    @Operation(summary = "List an account's survey answers")
    @GetMapping("/api/accounts/{accountId}/surveys")
    List<SurveyResponse> list(@PathVariable long accountId) {
        return surveys.listForAccount(accountId);
    }

    @GetMapping("/api/accounts/{accountId}/surveys/summary")
    @Operation(summary = "NPS and CSAT of an account over the last 365 days, with the latest answers")
    SentimentSummary summary(@PathVariable long accountId) {
        return surveys.summary(accountId);
    }

    @Operation(summary = "Record a survey answer (NPS or CSAT)")
    @PostMapping("/api/accounts/{accountId}/surveys")
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<SurveyResponse> create(@PathVariable long accountId, @RequestBody SurveyDraft draft) {
        SurveyResponse created = surveys.create(accountId, draft);
        return ResponseEntity.created(URI.create("/api/surveys/" + created.id())).body(created);
    }

    @GetMapping("/api/surveys")
    @Operation(summary = "Survey answers across the book", description = "Filter by account id, kind (nps, csat) "
            + "and NPS category (promoter, passive, detractor); newest first, up to limit (1-1000).")
    List<SurveyResponse> find(@RequestParam(required = false) Long account,
            @RequestParam(required = false) SurveyKind kind, @RequestParam(required = false) NpsCategory category,
            @RequestParam(defaultValue = "100") int limit) {
        return surveys.find(new SurveyFilter(account, kind, category, limit));
    }

    @Operation(summary = "Get a survey answer")
    @GetMapping("/api/surveys/{id}")
    SurveyResponse get(@PathVariable long id) {
        return surveys.get(id);
    }

    @Operation(summary = "Replace a survey answer")
    @PutMapping("/api/surveys/{id}")
    SurveyResponse update(@PathVariable long id, @RequestBody SurveyDraft draft) {
        return surveys.update(id, draft);
    }

    @Operation(summary = "Delete a survey answer")
    @DeleteMapping("/api/surveys/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    ResponseEntity<Void> delete(@PathVariable long id) {
        surveys.delete(id);
        return ResponseEntity.noContent().build();
    }
}
