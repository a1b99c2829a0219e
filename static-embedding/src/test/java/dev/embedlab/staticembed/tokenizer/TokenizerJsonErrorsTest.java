package dev.embedlab.staticembed.tokenizer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unsupported or broken tokenizer.json files fail loudly, naming the file and what is wrong. */
class TokenizerJsonErrorsTest {

    @TempDir
    Path dir;

    private static final String WORDPIECE_MODEL =
            "\"model\": {\"type\": \"WordPiece\", \"unk_token\": \"[UNK]\", \"continuing_subword_prefix\": \"##\","
            + " \"max_input_chars_per_word\": 100, \"vocab\": {\"[UNK]\": 0, \"a\": 1, \"##b\": 2}}";

    private Path write(String name, String json) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return file;
    }

    private IllegalArgumentException rejects(Path file, String... mustMention) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tokenizers.fromTokenizerJson(file));
        assertTrue(e.getMessage().contains(file.toString()), "message names the file: " + e.getMessage());
        for (String word : mustMention) {
            assertTrue(e.getMessage().contains(word), "message mentions '" + word + "': " + e.getMessage());
        }
        return e;
    }

    @Test
    void bpeModelIsRejectedNamingTypeAndFile() throws IOException {
        Path file = write("bpe-tokenizer.json", "{\"normalizer\": null, \"pre_tokenizer\": {\"type\": \"ByteLevel\"},"
                + " \"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": 0, \"b\": 1, \"ab\": 2}, \"merges\": [\"a b\"]}}");
        rejects(file, "BPE", "model type");
    }

    @Test
    void unigramWithByteFallbackIsRejected() throws IOException {
        Path file = write("unigram-bytes.json", "{\"normalizer\": null, \"pre_tokenizer\": null, \"model\": {\"type\":"
                + " \"Unigram\", \"unk_id\": 0, \"byte_fallback\": true, \"vocab\": [[\"<unk>\", 0.0], [\"a\", -1.0]]}}");
        rejects(file, "byte_fallback");
    }

    @Test
    void unigramWithoutUnknownIdIsRejected() throws IOException {
        Path file = write("unigram-no-unk.json", "{\"model\": {\"type\": \"Unigram\", \"vocab\": [[\"a\", -1.0]]}}");
        rejects(file, "model.unk_id");
    }

    @Test
    void precompiledNormalizerIsRejected() throws IOException {
        Path file = write("precompiled.json", "{\"normalizer\": {\"type\": \"Sequence\", \"normalizers\": [{\"type\":"
                + " \"Precompiled\", \"precompiled_charsmap\": \"AAAA\"}]}, \"pre_tokenizer\": null, " + WORDPIECE_MODEL + "}");
        rejects(file, "Precompiled", "normalizer.normalizers[0]");
    }

    @Test
    void unsupportedPreTokenizersAreRejected() throws IOException {
        rejects(write("bytelevel.json", "{\"pre_tokenizer\": {\"type\": \"ByteLevel\"}, " + WORDPIECE_MODEL + "}"),
                "ByteLevel", "pre_tokenizer");
        rejects(write("metaspace-wordpiece.json", "{\"pre_tokenizer\": {\"type\": \"Metaspace\"}, " + WORDPIECE_MODEL + "}"),
                "Metaspace", "WordPiece");
    }

    @Test
    void unsupportedReplaceRegexIsRejected() throws IOException {
        Path file = write("regex.json", "{\"normalizer\": {\"type\": \"Replace\", \"pattern\": {\"Regex\": \"[0-9]+\"},"
                + " \"content\": \"0\"}, " + WORDPIECE_MODEL + "}");
        rejects(file, "Replace", "[0-9]+");
    }

    @Test
    void malformedJsonNamesTheFile() throws IOException {
        Path file = write("broken.json", "{\"model\": {\"type\": \"WordPiece\", \"vocab\": {\"a\": 1,");
        rejects(file, "malformed JSON");
    }

    @Test
    void missingFieldsAreNamed() throws IOException {
        rejects(write("no-model.json", "{\"normalizer\": null}"), "'model'");
        rejects(write("no-vocab.json", "{\"model\": {\"type\": \"WordPiece\", \"unk_token\": \"[UNK]\"}}"), "'model.vocab'");
        rejects(write("bad-id.json", "{\"model\": {\"type\": \"WordPiece\", \"vocab\": {\"[UNK]\": \"zero\"}}}"),
                "model.vocab entry '[UNK]'");
        rejects(write("no-unk.json", "{\"model\": {\"type\": \"WordPiece\", \"unk_token\": \"[UNK]\", \"vocab\": {\"a\": 0}}}"),
                "'[UNK]' is not in model.vocab");
        rejects(write("no-type.json", "{\"model\": {\"vocab\": {\"a\": 0}}}"), "'model.type'");
        rejects(write("array.json", "[1, 2]"), "not a JSON object");
    }

    @Test
    void unsupportedAddedTokenOptionsAreRejected() throws IOException {
        rejects(write("lstrip.json", "{\"added_tokens\": [{\"id\": 0, \"content\": \"[UNK]\", \"special\": true,"
                + " \"lstrip\": true, \"normalized\": false}], " + WORDPIECE_MODEL + "}"), "lstrip", "added_tokens[0]");
        rejects(write("normalized.json", "{\"added_tokens\": [{\"id\": 3, \"content\": \"xyz\", \"special\": false,"
                + " \"normalized\": true}], " + WORDPIECE_MODEL + "}"), "normalized=true", "'xyz'");
    }

    @Test
    void missingFileIsNamed() {
        Path file = dir.resolve("absent/tokenizer.json");
        rejects(file, "not found");
    }
}
