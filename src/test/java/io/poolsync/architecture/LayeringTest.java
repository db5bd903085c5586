package io.poolsync.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package graph of ARCHITECTURE.md, enforced: dependencies point downward, nothing imports rest/, the pure parts
 * (model/, plan/, mapping/) use neither the AWS SDK nor Quarkus, and the migrate-user trigger, packaged on its own,
 * reaches only what its .zip carries. A new package fails {@link #everyPackageHasAPlaceInTheGraph} until it is given
 * its place here and in ARCHITECTURE.md.
 */
@AnalyzeClasses(packages = "io.poolsync", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    /** Top-level packages, each a layer of its own; ARCHITECTURE.md draws them. */
    static final Set<String> PACKAGES = Set.of("rest", "health", "metrics", "progress", "events", "sync", "preflight", "bulk",
            "plan", "mapping", "cognito", "config", "model", "trigger");

    static final String[] FRAMEWORKS = {"software.amazon..", "com.amazonaws..", "io.quarkus..", "io.smallrye..",
            "io.vertx..", "jakarta..", "org.eclipse.microprofile..", "io.micrometer..", "org.jboss.."};

    @ArchTest
    static final ArchRule dependenciesPointDownward = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("rest").definedBy("io.poolsync.rest..")
            .layer("health").definedBy("io.poolsync.health..")
            .layer("metrics").definedBy("io.poolsync.metrics..")
            .layer("progress").definedBy("io.poolsync.progress..")
            .layer("events").definedBy("io.poolsync.events..")
            .layer("sync").definedBy("io.poolsync.sync..")
            .layer("preflight").definedBy("io.poolsync.preflight..")
            .layer("bulk").definedBy("io.poolsync.bulk..")
            .layer("plan").definedBy("io.poolsync.plan..")
            .layer("mapping").definedBy("io.poolsync.mapping..")
            .layer("cognito").definedBy("io.poolsync.cognito..")
            .layer("config").definedBy("io.poolsync.config..")
            .layer("model").definedBy("io.poolsync.model..")
            .layer("trigger").definedBy("io.poolsync.trigger..")
            .whereLayer("rest").mayNotBeAccessedByAnyLayer()
            .whereLayer("health").mayNotBeAccessedByAnyLayer()
            .whereLayer("metrics").mayNotBeAccessedByAnyLayer()
            .whereLayer("trigger").mayNotBeAccessedByAnyLayer()
            .whereLayer("progress").mayOnlyBeAccessedByLayers("rest")
            .whereLayer("events").mayOnlyBeAccessedByLayers("rest", "progress")
            .whereLayer("sync").mayOnlyBeAccessedByLayers("rest", "health", "metrics", "progress", "events")
            .whereLayer("preflight").mayOnlyBeAccessedByLayers("rest", "sync")
            .whereLayer("bulk").mayOnlyBeAccessedByLayers("rest", "sync")
            .whereLayer("plan").mayOnlyBeAccessedByLayers("rest", "sync", "bulk")
            .whereLayer("cognito").mayOnlyBeAccessedByLayers("sync", "preflight", "bulk", "progress", "metrics", "health")
            .whereLayer("mapping").mayOnlyBeAccessedByLayers("plan", "sync", "preflight", "bulk", "trigger")
            .whereLayer("config").mayOnlyBeAccessedByLayers("rest", "health", "metrics", "progress", "events", "sync",
                    "preflight", "bulk", "plan", "mapping", "cognito", "trigger")
            .whereLayer("model").mayOnlyBeAccessedByLayers("rest", "health", "metrics", "progress", "events", "sync",
                    "preflight", "bulk", "plan", "mapping", "cognito", "trigger");

    @ArchTest
    static final ArchRule nothingImportsRest = noClasses().that().resideOutsideOfPackage("io.poolsync.rest..")
            .should().dependOnClassesThat().resideInAPackage("io.poolsync.rest..");

    @ArchTest
    static final ArchRule modelPlanAndMappingAreFreeOfTheSdkAndQuarkus = noClasses()
            .that().resideInAnyPackage("io.poolsync.model..", "io.poolsync.plan..", "io.poolsync.mapping..")
            .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS);

    /** A sync pass runs on pools in memory in a plain JUnit test: no CDI, no Quarkus, no SDK in it. */
    @ArchTest
    static final ArchRule theSyncPassIsFreeOfQuarkus = noClasses()
            .that().haveFullyQualifiedName("io.poolsync.sync.SyncPass").or().haveFullyQualifiedName("io.poolsync.sync.Applier")
            .or().haveFullyQualifiedName("io.poolsync.sync.SyncRun").or().haveFullyQualifiedName("io.poolsync.sync.DeferredUsers")
            .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "io.quarkus..", "io.smallrye..",
                    "io.vertx..", "jakarta..", "org.eclipse.microprofile..");

    @ArchTest
    static final ArchRule modelDependsOnNothingOfPoolsync = classes().that().resideInAPackage("io.poolsync.model..")
            .should().onlyDependOnClassesThat().resideOutsideOfPackages("io.poolsync..")
            .orShould().dependOnClassesThat().resideInAPackage("io.poolsync.model..");

    /** The classes of config/ the trigger's .zip carries (pom.xml, migrate-user-lambda): plain Java, no framework. */
    @ArchTest
    static final ArchRule whatTheTriggerTakesFromConfigIsPlainJava = classes()
            .that().resideInAPackage("io.poolsync.config..")
            .and().haveSimpleNameStartingWith("InvalidConfigException")
            .or().haveSimpleName("MappingDefaults").or().haveSimpleName("VerifiedFlagPolicy")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.poolsync.config..");

    @ArchTest
    static final ArchRule theTriggerUsesOnlyWhatItsZipCarries = classes().that().resideInAPackage("io.poolsync.trigger..")
            .should().onlyDependOnClassesThat(JavaClass.Predicates.resideInAnyPackage("java..", "javax..", "io.poolsync.trigger..",
                    "io.poolsync.mapping..", "io.poolsync.model..", "software.amazon..", "com.amazonaws..", "org.slf4j..")
                    .or(JavaClass.Predicates.simpleName("InvalidConfigException"))
                    .or(JavaClass.Predicates.simpleName("MappingDefaults"))
                    .or(JavaClass.Predicates.simpleName("VerifiedFlagPolicy")));

    @ArchTest
    static void everyPackageHasAPlaceInTheGraph(JavaClasses classes) {
        Set<String> packages = new TreeSet<>();
        classes.stream().map(JavaClass::getPackageName).filter(name -> name.startsWith("io.poolsync."))
                .map(name -> name.substring("io.poolsync.".length()).split("\\.")[0]).forEach(packages::add);
        assertThat(packages).as("top-level packages: place a new one in LayeringTest and ARCHITECTURE.md")
                .isSubsetOf(PACKAGES);
    }
}
