package dev.embedlab.vespa.testing;

import com.yahoo.cloud.config.ConfigserverConfig;
import com.yahoo.component.Version;
import com.yahoo.config.application.api.ApplicationPackage;
import com.yahoo.config.model.NullConfigModelRegistry;
import com.yahoo.config.model.api.ApplicationClusterEndpoint;
import com.yahoo.config.model.api.ContainerEndpoint;
import com.yahoo.config.model.api.HostProvisioner;
import com.yahoo.config.model.api.ValidationParameters;
import com.yahoo.config.model.application.provider.ApplicationPackageXmlFilesValidator;
import com.yahoo.config.model.application.provider.FilesApplicationPackage;
import com.yahoo.config.model.deploy.DeployState;
import com.yahoo.config.model.deploy.TestProperties;
import com.yahoo.config.model.provision.InMemoryProvisioner;
import com.yahoo.config.provision.ApplicationId;
import com.yahoo.config.provision.Environment;
import com.yahoo.config.provision.NodeResources;
import com.yahoo.config.provision.RegionName;
import com.yahoo.config.provision.SystemName;
import com.yahoo.config.provision.Zone;
import com.yahoo.config.provisioning.CloudConfig;
import com.yahoo.vespa.model.VespaModel;
import com.yahoo.vespa.model.application.validation.Validation;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a package is deployed, and the config model a config server there builds from it: the package is
 * preprocessed for the zone first (preprocess:include, deploy:environment/region variants), as the config server
 * does, then its XML is validated against Vespa's schemas and the model is built with the zone's provisioning.
 *
 * @param zone        the zone the config server runs in
 * @param hosted      Vespa Cloud (nodes provisioned by count and resources) or self-hosted (hosts.xml)
 * @param provisioner for Vespa Cloud, the in-memory node repository to allocate from; empty for self-hosted
 */
public record Deployment(Zone zone, boolean hosted, Optional<HostProvisioner> provisioner) {

    /** A self-hosted config server with default configuration, as in the vespaengine/vespa image: its zone. */
    public static Deployment selfHosted() {
        return new Deployment(new Zone(new ConfigserverConfig(new ConfigserverConfig.Builder()),
                                       new CloudConfig(new CloudConfig.Builder())),
                              false, Optional.empty());
    }

    /** A Vespa Cloud zone, with as many hosts of ample size as the package may ask for. */
    public static Deployment vespaCloud(Environment environment, String region) {
        NodeResources hostResources = new NodeResources(64, 256, 2000, 10);
        return new Deployment(new Zone(SystemName.Public, environment, RegionName.from(region)), true,
                              Optional.of(new InMemoryProvisioner(32, hostResources, true)));
    }

    /** What deploying the package here builds, plus the deploy log. */
    public record Result(VespaModel model, List<String> log) { }

    /**
     * Deploys a copy of the package (preprocessing writes into the package directory, so never the original).
     *
     * @throws Exception with the config model's own message when the package is invalid for this zone
     */
    public Result deploy(Path applicationDir, Path workDir) throws Exception {
        Path copy = workDir.resolve("package-" + zone.environment().value() + "-" + zone.region().value());
        ApplicationPackages.copyTree(applicationDir, copy);
        List<String> log = new ArrayList<>();
        ApplicationPackage preprocessed = FilesApplicationPackage.fromDir(copy.toFile(), true, Map.of())
                .preprocess(zone, (level, message) -> log.add(level + ": " + message));
        File preprocessedDir = ((FilesApplicationPackage) preprocessed).getAppDir();
        ApplicationPackageXmlFilesValidator.create(preprocessedDir, new Version(8)).checkApplication();

        TestProperties properties = new TestProperties().setHostedVespa(hosted);
        if (hosted) properties.setApplicationId(ApplicationId.from("embedlab", "embedlab", "default"));
        DeployState.Builder state = new DeployState.Builder()
                .applicationPackage(preprocessed)
                .zone(zone)
                .properties(properties)
                .deployLogger((level, message) -> log.add(level + ": " + message));
        provisioner.ifPresent(state::modelHostProvisioner);
        // Vespa Cloud gives every container cluster a zone endpoint; its controller passes them to the config server.
        if (hosted) state.endpoints(Set.of(zoneEndpoint("feed"), zoneEndpoint("query")));
        DeployState deployState = state.build();
        VespaModel model = new VespaModel(new NullConfigModelRegistry(), deployState);
        // The validators a config server runs on the built model (embed expressions, redundancy, JVM heap, ...).
        new Validation().validate(model, new ValidationParameters(), deployState);
        return new Result(model, log);
    }

    private static ContainerEndpoint zoneEndpoint(String cluster) {
        return new ContainerEndpoint(cluster, ApplicationClusterEndpoint.Scope.zone,
                                     List.of(cluster + ".embedlab.embedlab.aws-us-east-1c.z.vespa-app.cloud"));
    }
}
