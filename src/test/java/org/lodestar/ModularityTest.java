package org.lodestar;

import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
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

    /** Controllers and panels are how a module is reached over HTTP, not its API: they live in its internal package. */
    @Test
    void controllersLiveInTheirModulesInternalPackage() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.lodestar");
        ArchRuleDefinition.classes().that().areAnnotatedWith(Controller.class).or().areAnnotatedWith(RestController.class)
                .and().resideOutsideOfPackage("org.lodestar.web..")
                .should().resideInAPackage("org.lodestar.*.internal..").check(classes);
    }

    @Test
    void thePackageListReadsAsTheProduct() {
        assertThat(modules.stream().map(m -> m.getIdentifier().toString()))
                .contains("accounts", "revenue", "support", "surveys", "billing", "people", "audit", "imports", "cli", "signals", "playbooks", "tasks", "worklist", "outreach", "health",
                        "cluster", "errors", "infrastructure", "web");
    }
}
