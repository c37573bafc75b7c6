package dev.publicsafety.dal.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.constructors;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.publicsafety.dal.chaos.ChaosRun;
import dev.publicsafety.dal.cli.DalCommand;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.FleetTransaction;
import dev.publicsafety.dal.spring.DalAutoConfiguration;
import dev.publicsafety.dal.testing.Tenant;
import java.util.List;
import org.jooq.Record;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The boundaries of the code, held by a test rather than by convention (docs/architecture.md). It
 * runs in the bench module because that module sees every other one: the library, the command
 * line, the test kit, the embedded server, the chaos harness, and (for this test) the Spring Boot
 * starter.
 */
class ArchitectureTest {

    private static final String FLEET = "dev.publicsafety.dal.fleet";

    /** Classes of the library's own artifact ({@code dal}), told apart by where they were loaded from. */
    private static final DescribedPredicate<JavaClass> IN_THE_LIBRARY = new DescribedPredicate<>("in the library (artifact dal)") {
        private final String library = FleetDatabase.class.getProtectionDomain().getCodeSource().getLocation().getPath();

        @Override
        public boolean test(JavaClass javaClass) {
            return javaClass.getSource().map(source -> source.getUri().getPath() != null
                    ? source.getUri().getPath().startsWith(library) : source.getUri().toString().contains(library)).orElse(false);
        }
    };

    private static final DescribedPredicate<JavaClass> REPOSITORY = new DescribedPredicate<>("a fleet repository") {
        @Override
        public boolean test(JavaClass javaClass) {
            return javaClass.getPackageName().startsWith(FLEET) && javaClass.getSimpleName().endsWith("Repository")
                    && !javaClass.getModifiers().contains(JavaModifier.ABSTRACT);
        }
    };

    private static JavaClasses classes;

    @BeforeAll
    static void importEveryModule() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.publicsafety.dal");
        // the rules below would pass on an empty import: make sure each module they speak of is in it
        for (Class<?> module : List.of(FleetDatabase.class, DalCommand.class, DalAutoConfiguration.class, Tenant.class, ChaosRun.class)) {
            assertTrue(classes.contain(module), "the import lacks " + module.getName() + "'s module");
        }
        assertTrue(IN_THE_LIBRARY.test(classes.get(FleetDatabase.class)) && !IN_THE_LIBRARY.test(classes.get(DalCommand.class)),
                "the library's classes are not told apart from the others");
    }

    @Test
    void shouldKeepInternalPackagesInsideTheLibrary() {
        noClasses().that(not(IN_THE_LIBRARY)).should().dependOnClassesThat().resideInAPackage("..internal..")
                .because("internal packages are the library's machinery, free to change in any release")
                .check(classes);
    }

    @Test
    void shouldKeepTheLibraryFreeOfItsConsumers() {
        noClasses().that(IN_THE_LIBRARY).should().dependOnClassesThat()
                .resideInAnyPackage("dev.publicsafety.dal.cli..", "dev.publicsafety.dal.spring..", "dev.publicsafety.dal.testing..",
                        "dev.publicsafety.dal.bench..", "dev.publicsafety.dal.chaos..", "dev.publicsafety.dal.workload..")
                .because("the arrows go one way: SQL, generated types, repositories, then the command line and the starter")
                .check(classes);
    }

    @Test
    void shouldKeepTheFleetAggregatesFreeOfCycles() {
        slices().matching(FLEET + ".(*)..").namingSlices("fleet.$1").should().beFreeOfCycles()
                .because("an aggregate reaches another through FleetTransaction, one way")
                .check(classes);
    }

    @Test
    void shouldLetOnlyTheFleetTransactionBuildRepositories() {
        constructors().that().areDeclaredInClassesThat(REPOSITORY).should().onlyBeCalled().byClassesThat()
                .haveFullyQualifiedName(FleetTransaction.class.getName())
                .because("a repository is bound to its transaction's organization and actor; building one elsewhere skips that")
                .check(classes);
    }

    @Test
    void shouldSpeakDomainTypesInPublicRepositoryMethods() {
        methods().that().areDeclaredInClassesThat(REPOSITORY).and().arePublic().should().haveRawReturnType(not(assignableTo(Record.class)))
                .because("a repository returns the domain's records (Incident, Task...), not the generated jOOQ rows")
                .check(classes);
    }
}
