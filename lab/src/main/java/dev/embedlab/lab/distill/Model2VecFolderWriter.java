package dev.embedlab.lab.distill;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedlab.staticembed.DType;
import dev.embedlab.staticembed.SafeTensorsWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a model folder in the layout Python model2vec's {@code save_pretrained} produces, so both
 * {@code StaticModel.from_pretrained} and sentence-transformers can load it: model.safetensors
 * ({@code embeddings}), config.json, tokenizer.json and modules.json (StaticEmbedding at ".", then Normalize).
 */
public final class Model2VecFolderWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Model2VecFolderWriter() {
    }

    /** Writes the folder; {@code dtype} F32, F16 or I8 (one scale for the whole table, which normalization cancels). */
    public static void write(Path folder, float[] table, int rows, int dims, DType dtype, ObjectNode tokenizer, ObjectNode config) throws IOException {
        write(folder, table, rows, dims, dtype, null, tokenizer, config);
    }

    /**
     * As {@link #write(Path, float[], int, int, DType, ObjectNode, ObjectNode)}, with Model2Vec's vocabulary
     * quantization when {@code mapping} is given: token id to table row (several tokens may share a row).
     */
    public static void write(Path folder, float[] table, int rows, int dims, DType dtype, int[] mapping, ObjectNode tokenizer,
                             ObjectNode config) throws IOException {
        Files.createDirectories(folder);
        long[] shape = {rows, dims};
        SafeTensorsWriter tensors = dtype == DType.I8
                ? new SafeTensorsWriter().bytes("embeddings", shape, int8(table))
                : new SafeTensorsWriter().floats("embeddings", dtype, shape, table);
        if (mapping != null) tensors.ints("mapping", new long[] {mapping.length}, mapping);
        tensors.write(folder.resolve("model.safetensors"));
        JSON.writeValue(folder.resolve("config.json").toFile(), config);
        new ObjectMapper().writeValue(folder.resolve("tokenizer.json").toFile(), tokenizer);
        ArrayNode modules = JSON.createArrayNode();
        modules.addObject().put("idx", 0).put("name", "0").put("path", ".").put("type", "sentence_transformers.models.StaticEmbedding");
        modules.addObject().put("idx", 1).put("name", "1").put("path", "1_Normalize").put("type", "sentence_transformers.models.Normalize");
        JSON.writeValue(folder.resolve("modules.json").toFile(), modules);
    }

    /** Model2Vec's int8 quantization: round(x * 127 / max |x|). */
    private static byte[] int8(float[] table) {
        float max = 0;
        for (float x : table) max = Math.max(max, Math.abs(x));
        float scale = max == 0 ? 0 : 127 / max;
        byte[] out = new byte[table.length];
        for (int i = 0; i < table.length; i++) out[i] = (byte) Math.round(table[i] * scale);
        return out;
    }

    /** config.json as Model2Vec's distiller writes it, plus where this model came from. */
    /** The config.json every Model2Vec folder written here has: normalized mean pooling, no PCA, no Zipf weights. */
    public static ObjectNode baseConfig(int dims, DType dtype) {
        ObjectNode config = JSON.createObjectNode();
        config.put("model_type", "model2vec");
        config.putArray("architectures").add("StaticModel");
        config.putNull("apply_pca");
        config.putNull("apply_zipf");
        config.put("hidden_dim", dims);
        config.put("seq_length", 1_000_000);
        config.put("normalize", true);
        config.put("pooling", "mean");
        config.put("embedding_dtype", dtype == DType.F16 ? "float16" : dtype == DType.I8 ? "int8" : "float32");
        return config;
    }

    static ObjectNode config(DistillSettings settings, int dims, int pcaDims, DType dtype, int distilledTokens, int removedTokens) {
        ObjectNode config = baseConfig(dims, dtype);
        config.put("tokenizer_name", settings.tokenizer().getFileName().toString());
        if (pcaDims > 0) config.put("apply_pca", pcaDims);
        config.put("sif_coefficient", settings.sifCoefficient());
        ObjectNode provenance = config.putObject("embedlab_distill");
        provenance.put("teacher", settings.onnx().getFileName().toString());
        provenance.put("teacher_output", OnnxTeacher.OUTPUT + ", mean over all positions incl. special tokens");
        provenance.put("token_remove_pattern", settings.removePattern().pattern());
        provenance.put("removed_tokens", removedTokens);
        provenance.put("distilled_tokens", distilledTokens);
        return config;
    }
}
