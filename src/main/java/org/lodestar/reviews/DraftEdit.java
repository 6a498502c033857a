package org.lodestar.reviews;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** A draft as a CSM saves it: the four narrative texts (null keeps the one stored) and the stated figures (all of them). */
@Schema(example = """
        {"summary": "Adoption grew in every team; two urgent tickets were solved within a day.", "customerAsks": "Single sign-on for the EU subsidiary", "ourAsks": "A reference call for the case study", "nextGoals": "Roll out to the support team by March", "figures": [{"label": "Active users", "stated": 412, "unit": "users"}]}""")
public record DraftEdit(String summary, String customerAsks, String ourAsks, String nextGoals, List<StatedFigure> figures) {
}
