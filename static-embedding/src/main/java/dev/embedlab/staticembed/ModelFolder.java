package dev.embedlab.staticembed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The files of a static model folder, in any of the layouts the two libraries write:
 * <ul>
 *   <li>Model2Vec: {@code model.safetensors}, {@code tokenizer.json}, {@code config.json} (and a
 *       {@code modules.json} whose StaticEmbedding module has path ".") at the root;</li>
 *   <li>sentence-transformers: {@code modules.json} pointing at {@code 0_StaticEmbedding/}, which holds
 *       {@code model.safetensors} and {@code tokenizer.json};</li>
 *   <li>a bare StaticEmbedding module: the files at the root, no {@code modules.json}.</li>
 * </ul>
 *
 * @param root              the folder given
 * @param safetensors       the embedding table file
 * @param tokenizer         tokenizer.json (in the module folder, else the root)
 * @param config            Model2Vec's config.json, if present
 * @param stConfig          config_sentence_transformers.json, if present
 * @param normalizeModule   whether modules.json lists a Normalize module after the StaticEmbedding one
 */
public record ModelFolder(Path root, Path safetensors, Path tokenizer, Optional<JsonNode> config,
                          Optional<JsonNode> stConfig, boolean normalizeModule) {

    static final String MODULES = "modules.json";
    static final String CONFIG = "config.json";
    static final String ST_CONFIG = "config_sentence_transformers.json";
    static final String SAFETENSORS = "model.safetensors";
    static final String TOKENIZER = "tokenizer.json";
    static final String DEFAULT_MODULE_DIR = "0_StaticEmbedding";

    private static final ObjectMapper JSON = new ObjectMapper();

    public static ModelFolder locate(Path root) throws IOException {
        if (!Files.isDirectory(root))
            throw new NoSuchFileException(root.toString(), null, "not a model folder");
        Path modulesFile = root.resolve(MODULES);
        Path moduleDir;
        boolean normalizeModule = false;
        if (Files.isRegularFile(modulesFile)) {
            Modules modules = readModules(modulesFile);
            moduleDir = modules.staticEmbeddingDir(root, modulesFile);
            normalizeModule = modules.hasNormalize;
        }
        else if (Files.isRegularFile(root.resolve(SAFETENSORS))) {
            moduleDir = root;
        }
        else if (Files.isRegularFile(root.resolve(DEFAULT_MODULE_DIR).resolve(SAFETENSORS))) {
            moduleDir = root.resolve(DEFAULT_MODULE_DIR);
        }
        else {
            throw new NoSuchFileException(root.toString(), null,
                    "no " + SAFETENSORS + " at the root or in " + DEFAULT_MODULE_DIR + "/, and no " + MODULES);
        }
        Path safetensors = moduleDir.resolve(SAFETENSORS);
        if (!Files.isRegularFile(safetensors))
            throw new NoSuchFileException(safetensors.toString(), null, "the StaticEmbedding module has no " + SAFETENSORS);
        Path tokenizer = Files.isRegularFile(moduleDir.resolve(TOKENIZER)) ? moduleDir.resolve(TOKENIZER) : root.resolve(TOKENIZER);
        if (!Files.isRegularFile(tokenizer))
            throw new NoSuchFileException(moduleDir.resolve(TOKENIZER).toString(), null, "no " + TOKENIZER + " in the model folder");
        return new ModelFolder(root, safetensors, tokenizer, readOptionalJson(root.resolve(CONFIG)),
                               readOptionalJson(root.resolve(ST_CONFIG)), normalizeModule);
    }

    private record Modules(List<String> types, String staticEmbeddingPath, boolean hasNormalize) {

        Path staticEmbeddingDir(Path root, Path modulesFile) throws InvalidModelException {
            if (staticEmbeddingPath == null)
                throw new InvalidModelException(modulesFile, "lists no StaticEmbedding module (module types: " + types + ")");
            Path dir = root.resolve(staticEmbeddingPath).normalize();
            if (!dir.startsWith(root.normalize()))
                throw new InvalidModelException(modulesFile, "StaticEmbedding path '" + staticEmbeddingPath + "' leaves the model folder");
            return dir;
        }
    }

    private static Modules readModules(Path file) throws IOException {
        JsonNode modules = readJson(file);
        if (!modules.isArray()) throw new InvalidModelException(file, "is not a JSON array of modules");
        List<String> types = new ArrayList<>();
        String staticPath = null;
        boolean normalize = false;
        for (JsonNode module : modules) {
            String type = module.path("type").asText("");
            types.add(type);
            if (type.endsWith("StaticEmbedding") && staticPath == null) {
                staticPath = module.path("path").asText("");
                if (staticPath.isEmpty()) staticPath = ".";
            }
            else if (type.endsWith("Normalize") && staticPath != null) {
                normalize = true;
            }
        }
        return new Modules(types, staticPath, normalize);
    }

    private static Optional<JsonNode> readOptionalJson(Path file) throws IOException {
        return Files.isRegularFile(file) ? Optional.of(readJson(file)) : Optional.empty();
    }

    static JsonNode readJson(Path file) throws IOException {
        try {
            JsonNode node = JSON.readTree(file.toFile());
            if (node == null || node.isMissingNode()) throw new InvalidModelException(file, "is empty, expected JSON");
            return node;
        }
        catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidModelException(file, "is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
