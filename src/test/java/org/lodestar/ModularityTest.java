package org.lodestar;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/** Each top-level package is a module; only their root types are reachable and nothing loops. */
class ModularityTest {

    private final ApplicationModules modules = ApplicationModules.of(Lodestar.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    /** A module says which others it may use (its package-info), so a new dependency is a decision, not an accident. */
    @Test
    void everyModuleDeclaresTheModulesItMayUse() {
        assertThat(modules.stream().map(m -> m.getIdentifier().toString())).allSatisfy(module -> {
            Class<?> info = Class.forName("org.lodestar." + module + ".package-info");
            assertThat(info.getAnnotation(ApplicationModule.class)).as(module).isNotNull();
        });
    }

    @Test
    void thePackageListReadsAsTheProduct() {
        assertThat(modules.stream().map(m -> m.getIdentifier().toString()))
                .contains("accounts", "revenue", "support", "surveys", "billing", "people", "audit", "imports", "cli", "signals", "playbooks", "tasks", "worklist", "outreach", "health",
                        "cluster", "errors", "infrastructure", "web");
    }
}
