package io.peershare;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import io.peershare.packagetree.lower.BackImport;
import io.peershare.packagetree.lower.Lower;
import io.peershare.packagetree.upper.Upper;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The core's packages form a tree: no cycle between packages and no import running back up (docs/architecture.md,
 * "Packages, top to bottom"). The rules are checked on the compiled core, and on a fixture with one deliberate
 * back-import to show that they report one.
 */
class PackageTreeTest {

    /** Top to bottom; a package may use only itself and those below it. */
    static final List<String> CORE_TOP_TO_BOTTOM = List.of(
            "io.peershare",
            "io.peershare.internal",
            "io.peershare.internal.cluster",
            "io.peershare.internal.inbound",
            "io.peershare.internal.resume",
            "io.peershare.internal.peers",
            "io.peershare.internal.signal",
            "io.peershare.internal.transfer",
            "io.peershare.internal.network",
            "io.peershare.internal.limit",
            "io.peershare.internal.input",
            "io.peershare.internal.stats",
            "io.peershare.internal.json",
            "io.peershare.internal.relay",
            "io.peershare.defaults",
            "io.peershare.config",
            "io.peershare.spi",
            "io.peershare.model",
            "io.peershare.internal.address",
            "io.peershare.protocol");

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.peershare");

    @Test
    void theCoresPackagesFormNoCycle() {
        PackageTree.freeOfCycles("io.peershare").check(CORE);
    }

    @Test
    void noImportInTheCoreRunsBackUpTheTree() {
        PackageTree.topToBottom(CORE_TOP_TO_BOTTOM).check(CORE);
    }

    @Test
    void everyPackageOfTheCoreHasItsPlaceInTheTree() {
        Set<String> placed = Set.copyOf(CORE_TOP_TO_BOTTOM);
        List<String> unplaced = CORE.stream().map(JavaClass::getPackageName).distinct()
                .filter(p -> !placed.contains(p)).sorted().toList();
        assertTrue(unplaced.isEmpty(), "add these to CORE_TOP_TO_BOTTOM and docs/architecture.md: " + unplaced);
    }

    @Test
    void theExportedProtocolDependsOnNoOtherPackageOfPeerShare() {
        noClasses().that().resideInAPackage("io.peershare.protocol")
                .should().dependOnClassesThat(resideInAPackage("io.peershare..")
                        .and(not(resideInAPackage("io.peershare.protocol"))))
                .check(CORE);
    }

    @Test
    void theSpiTheModelAndTheDefaultsDependOnNothingInternal() {
        noClasses().that().resideInAnyPackage("io.peershare.spi", "io.peershare.model", "io.peershare.defaults",
                        "io.peershare.protocol")
                .should().dependOnClassesThat().resideInAPackage("io.peershare.internal..")
                .check(CORE);
    }

    // ---- the rules catch what they are for ----

    private static final List<String> FIXTURE_TOP_TO_BOTTOM = List.of(
            "io.peershare.packagetree.upper", "io.peershare.packagetree.lower");

    @Test
    void bothRulesPassOnAFixtureWhoseImportsRunDown() {
        JavaClasses fixture = new ClassFileImporter().importClasses(Upper.class, Lower.class);
        assertFalse(PackageTree.freeOfCycles("io.peershare.packagetree").evaluate(fixture).hasViolation());
        assertFalse(PackageTree.topToBottom(FIXTURE_TOP_TO_BOTTOM).evaluate(fixture).hasViolation());
    }

    @Test
    void aDeliberateImportBackUpIsReportedAsACycleAndAsABreachOfTheLayers() {
        JavaClasses fixture = new ClassFileImporter().importClasses(Upper.class, Lower.class, BackImport.class);

        EvaluationResult cycles = PackageTree.freeOfCycles("io.peershare.packagetree").evaluate(fixture);
        EvaluationResult layers = PackageTree.topToBottom(FIXTURE_TOP_TO_BOTTOM).evaluate(fixture);

        assertTrue(cycles.hasViolation());
        assertTrue(cycles.getFailureReport().toString().contains(BackImport.class.getName()),
                cycles.getFailureReport().toString());
        assertTrue(layers.hasViolation());
        assertTrue(layers.getFailureReport().toString().contains(BackImport.class.getName()),
                layers.getFailureReport().toString());
    }
}
