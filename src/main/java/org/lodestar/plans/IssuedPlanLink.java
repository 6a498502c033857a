package org.lodestar.plans;

/** A link just made, with its address: shown this once, since the token is not kept. */
public record IssuedPlanLink(PlanLink link, String url) {
}
