package dev.embedlab.lab;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The options every offline command shares: where the project, its services.xml (the embedder settings), the
 * models and the vector cache are. A picocli mixin, so {@code lab} and {@code align} read them the same way.
 */
public final class ProjectOptions {

    @Option(names = "--root", description = "Project root (default: system property embedlab.root, else the current directory).")
    Path root;

    @Option(names = "--services", description = "services.xml to read the embedder settings from "
            + "(default: <root>/app/src/main/application/services.xml).")
    Path services;

    @Option(names = "--component", defaultValue = HuggingFaceSettings.DEFAULT_COMPONENT,
            description = "The hugging-face-embedder component id in services.xml (default: ${DEFAULT-VALUE}).")
    String component;

    @Option(names = "--models", description = "Models folder (default: <root>/models).")
    Path models;

    @Option(names = "--cache-dir", description = "Vector cache, shared by lab and align (default: ~/.cache/embedlab/vectors).")
    Path cacheDir;

    public Path root() {
        return root != null ? root : Path.of(System.getProperty("embedlab.root", "."));
    }

    public Path modelsDir() {
        return models != null ? models : root().resolve("models");
    }

    public Path cacheDir() {
        return cacheDir != null ? cacheDir : Path.of(System.getProperty("user.home"), ".cache", "embedlab", "vectors");
    }

    /** The e5 component's settings (prefixes, pooling, normalization, max tokens) from services.xml. */
    public HuggingFaceSettings embedderSettings() throws IOException {
        return HuggingFaceSettings.read(services != null ? services : root().resolve("app/src/main/application/services.xml"), component);
    }
}
