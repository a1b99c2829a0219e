package dev.embedlab.vespa.testing;

import dev.embedlab.testsupport.TestData;
import com.yahoo.component.Version;
import com.yahoo.config.model.NullConfigModelRegistry;
import com.yahoo.config.model.application.provider.ApplicationPackageXmlFilesValidator;
import com.yahoo.config.model.application.provider.FilesApplicationPackage;
import com.yahoo.config.model.deploy.DeployState;
import com.yahoo.config.model.deploy.TestProperties;
import com.yahoo.vespa.model.VespaModel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Where the application package and its test inputs live, and how they are validated. */
public final class ApplicationPackages {

    private ApplicationPackages() { }

    /** The project root (the aggregator), as surefire passes it. */
    public static Path projectRoot() {
        return TestData.root();
    }

    /** The shipped application package: exactly what `vespa deploy` sends. */
    public static Path productionPackage() {
        return projectRoot().resolve("app/src/main/application");
    }

    /** The e5-small-v2 files the models module unpacks from Maven Central (skips the test when absent). */
    public static Path e5SmallV2Dir() {
        return TestData.e5SmallV2();
    }

    /** The static model distilled from e5-small-v2 at build time (skips the test when absent). */
    public static Path distilledStaticModel() {
        return TestData.distilledStaticModel();
    }

    /**
     * Validates a package the way a deploy does before activation: the XML files against Vespa's RNC schemas,
     * then the full config model (schemas, rank profiles, services) is built.
     */
    public static VespaModel validate(Path applicationDir) throws Exception {
        ApplicationPackageXmlFilesValidator.create(applicationDir.toFile(), new Version(8)).checkApplication();
        DeployState deployState = new DeployState.Builder()
                .applicationPackage(FilesApplicationPackage.fromDir(applicationDir.toFile(), true, java.util.Map.of()))
                .properties(new TestProperties())
                .deployLogger((level, message) -> { })
                .build();
        return new VespaModel(new NullConfigModelRegistry(), deployState);
    }

    /**
     * The multi-node package as the build assembles it (app/pom.xml: the single-node package without its
     * services.xml, plus app/src/main/application-multinode).
     */
    public static Path multinodePackage() {
        Path dir = projectRoot().resolve("app/target/application-multinode-source");
        if ( ! Files.isRegularFile(dir.resolve("services.xml")) || ! Files.isDirectory(dir.resolve("schemas")))
            throw new IllegalStateException(dir + " is not assembled: run `mvn -pl app process-resources` (any Maven " +
                                            "build of app does it before the tests)");
        return dir;
    }

    /** Copies a package directory tree (without generated files) to a new location. */
    public static void copyTree(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) Files.createDirectories(target);
                else Files.copy(source, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
