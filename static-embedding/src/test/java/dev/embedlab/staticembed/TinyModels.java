package dev.embedlab.staticembed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes small model folders for loader tests. */
final class TinyModels {

    static final List<String> WORDS = List.of("[PAD]", "[UNK]", "hello", "world", "cat", "dog");

    private static final ObjectMapper JSON = new ObjectMapper();

    private TinyModels() {
    }

    /** A BERT-style tokenizer.json over {@code words} (id = position). */
    static Path writeTokenizer(Path file, List<String> words, String modelType) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        root.putArray("added_tokens");
        ObjectNode normalizer = root.putObject("normalizer");
        normalizer.put("type", "BertNormalizer").put("clean_text", true).put("handle_chinese_chars", true)
                  .putNull("strip_accents");
        normalizer.put("lowercase", true);
        root.putObject("pre_tokenizer").put("type", "BertPreTokenizer");
        root.putNull("post_processor");
        root.putNull("decoder");
        ObjectNode model = root.putObject("model");
        model.put("type", modelType).put("unk_token", "[UNK]").put("continuing_subword_prefix", "##")
             .put("max_input_chars_per_word", 100);
        ObjectNode vocab = model.putObject("vocab");
        for (int i = 0; i < words.size(); i++) vocab.put(words.get(i), i);
        Files.createDirectories(file.toAbsolutePath().getParent());
        JSON.writeValue(file.toFile(), root);
        return file;
    }

    /** A Model2Vec folder: tokenizer.json over {@link #WORDS}, model.safetensors from {@code tensors}, config.json. */
    static Path model2vec(Path dir, SafeTensorsWriter tensors, String config) throws IOException {
        writeTokenizer(dir.resolve("tokenizer.json"), WORDS, "WordPiece");
        tensors.write(dir.resolve("model.safetensors"));
        if (config != null) Files.writeString(dir.resolve("config.json"), config);
        return dir;
    }

    /** A float table with {@code rows} rows where row r is (r + 1, -(r + 1), 0.5, ...). */
    static float[] table(int rows, int dims) {
        float[] values = new float[rows * dims];
        for (int r = 0; r < rows; r++)
            for (int d = 0; d < dims; d++) values[r * dims + d] = d == 0 ? r + 1 : d == 1 ? -(r + 1) : 0.5f * d;
        return values;
    }
}
