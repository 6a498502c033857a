package org.lodestar.surveys.internal;

import org.lodestar.surveys.SurveyResponses;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The NPS and CSAT panel of the account page, loaded into it by htmx. */
@Controller
class SurveysPanel {

    private final SurveyResponses surveys;

    SurveysPanel(SurveyResponses surveys) {
        this.surveys = surveys;
    }

    @GetMapping("/accounts/{accountId}/surveys")
    String panel(@PathVariable long accountId, Model model) {
        model.addAttribute("sentiment", surveys.summary(accountId));
        return "surveys :: panel";
    }
}
