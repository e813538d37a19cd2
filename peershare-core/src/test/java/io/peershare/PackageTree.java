package io.peershare;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.library.Architectures;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SliceRule;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.List;

/**
 * The two rules that keep packages a tree, built for any list of packages so that {@link PackageTreeTest} can run
 * them on the core and on a small fixture with a deliberate back-import (to prove they catch one).
 */
final class PackageTree {

    private PackageTree() {
    }

    /** Every package under {@code root} (and {@code root} itself) is one slice; no slices may form a cycle. */
    static SliceRule freeOfCycles(String root) {
        return SlicesRuleDefinition.slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass type) {
                String pkg = type.getPackageName();
                return pkg.equals(root) || pkg.startsWith(root + ".") ? SliceIdentifier.of(pkg)
                        : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "the packages under " + root;
            }
        }).should().beFreeOfCycles();
    }

    /**
     * The packages, listed top to bottom, each exactly (not its sub-packages): a class may use classes of its own
     * package and of the packages listed below it, never of one listed above.
     */
    static LayeredArchitecture topToBottom(List<String> packages) {
        LayeredArchitecture layers = Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String pkg : packages) {
            layers = layers.layer(pkg).definedBy(pkg);
        }
        layers = layers.whereLayer(packages.get(0)).mayNotBeAccessedByAnyLayer();
        for (int i = 1; i < packages.size(); i++) {
            layers = layers.whereLayer(packages.get(i))
                    .mayOnlyBeAccessedByLayers(packages.subList(0, i).toArray(String[]::new));
        }
        return layers;
    }

}
