package org.lodestar;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/** Each top-level package is a module; only their root types are reachable and nothing loops. */
class ModularityTest {

    private final ApplicationModules modules = ApplicationModules.of(Lodestar.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    @Test
    void thePackageListReadsAsTheProduct() {
        assertThat(modules.stream().map(m -> m.getIdentifier().toString()))
                .contains("accounts", "revenue", "support", "surveys", "billing", "people", "audit", "imports", "cli", "signals", "playbooks", "tasks", "worklist", "outreach", "health",
                        "cluster", "web");
    }
}
