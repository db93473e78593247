package dev.gdsweep;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The layering, checked on the compiled classes (fully qualified uses included): only the spark, cli,
 * store and html packages touch Spark, Hadoop or Scala, so the engine stays usable without Spark; and
 * no two top-level packages depend on each other.
 */
@AnalyzeClasses(packages = "dev.gdsweep", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Every top-level package but spark, cli, store and html. */
    static final List<String> WITHOUT_SPARK = List.of("engine", "loss", "optim", "grid", "spec", "sweep", "refine", "data",
            "report", "console", "compare");

    static final String[] SPARK_HADOOP_SCALA = {"org.apache.spark..", "org.apache.hadoop..", "scala.."};

    @ArchTest
    static final ArchRule onlyTheSparkCliStoreAndHtmlPackagesUseSparkHadoopOrScala = noClasses()
            .that().resideInAnyPackage(WITHOUT_SPARK.stream().map(p -> "dev.gdsweep." + p + "..").toArray(String[]::new))
            .should().dependOnClassesThat().resideInAnyPackage(SPARK_HADOOP_SCALA);

    /** Top-level packages depend on each other one way only. */
    @ArchTest
    static final ArchRule noCyclesBetweenPackages = slices().matching("dev.gdsweep.(*)..").should().beFreeOfCycles();

    /** Guards the rules above against passing vacuously: the packages are there and dependencies are seen. */
    @ArchTest
    static void thePackagesExistAndTheirDependenciesAreSeen(JavaClasses classes) {
        for (String pkg : WITHOUT_SPARK) {
            assertThat(classes.stream().anyMatch(c -> c.getPackageName().startsWith("dev.gdsweep." + pkg)))
                    .as("classes in dev.gdsweep.%s", pkg).isTrue();
        }
        assertThat(classes.stream().filter(c -> c.getPackageName().equals("dev.gdsweep.spark"))
                .flatMap(c -> c.getDirectDependenciesFromSelf().stream()).map(Dependency::getTargetClass)
                .anyMatch(t -> t.getPackageName().startsWith("org.apache.spark")))
                .as("the spark package's Spark dependencies").isTrue();
    }
}
