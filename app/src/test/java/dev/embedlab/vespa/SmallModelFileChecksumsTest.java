package dev.embedlab.vespa;

import dev.embedlab.vespa.testing.ApplicationPackages;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Where the sha256 of the static model's two small JSON files (README, "Pinned model files") comes from. Hugging Face
 * publishes a sha256 only for LFS files; for these two git files the public record has their size and git blob id at
 * the pinned commit. These are their exact bytes: their git blob ids equal the recorded ones, and their sha256 is what
 * scripts/model-checksums.sha256 lists. A wrong edit of either line there fails here.
 */
class SmallModelFileChecksumsTest {

    /** modules.json at bae9c8b: 141 bytes, CRLF line ends, no final newline. */
    private static final String MODULES_JSON = String.join("\r\n",
            "[",
            "  {",
            "    \"idx\": 0,",
            "    \"name\": \"0\",",
            "    \"path\": \"0_StaticEmbedding\",",
            "    \"type\": \"sentence_transformers.models.StaticEmbedding\"",
            "  }",
            "]");

    /** config_sentence_transformers.json at bae9c8b: 219 bytes, CRLF line ends, no final newline. */
    private static final String CONFIG_SENTENCE_TRANSFORMERS_JSON = String.join("\r\n",
            "{",
            "  \"__version__\": {",
            "    \"sentence_transformers\": \"3.3.0.dev0\",",
            "    \"transformers\": \"4.45.2\",",
            "    \"pytorch\": \"2.5.0+cu121\"",
            "  },",
            "  \"prompts\": {},",
            "  \"default_prompt_name\": null,",
            "  \"similarity_fn_name\": \"cosine\"",
            "}");

    @Test
    void modulesJson() throws Exception {
        assertPinned(MODULES_JSON, 141, "a26e6891b5d93556c051c8b5cf4eeb24c5dd4ed2",
                     "static-similarity-mrl-multilingual-v1/modules.json");
    }

    @Test
    void configSentenceTransformersJson() throws Exception {
        assertPinned(CONFIG_SENTENCE_TRANSFORMERS_JSON, 219, "9289d8e153f69e4924062f64eb7f10c16f99a3ca",
                     "static-similarity-mrl-multilingual-v1/config_sentence_transformers.json");
    }

    private static void assertPinned(String text, int recordedSize, String recordedGitBlobId, String name) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertEquals(recordedSize, bytes.length, name);
        assertEquals(recordedGitBlobId, gitBlobId(bytes), name);
        assertEquals(hex("SHA-256", bytes), checksumOnRecord(name), name);
    }

    /** Git's id of a file: sha1 of "blob <size>\0" followed by the bytes. */
    private static String gitBlobId(byte[] bytes) throws Exception {
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        sha1.update(("blob " + bytes.length + "\0").getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(sha1.digest(bytes));
    }

    private static String hex(String algorithm, byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    }

    private static String checksumOnRecord(String name) throws Exception {
        List<String> hashes = Files.readAllLines(ApplicationPackages.projectRoot().resolve("scripts/model-checksums.sha256")).stream()
                .filter(line -> ! line.isBlank() && ! line.startsWith("#"))
                .map(line -> line.split("\\s+"))
                .filter(fields -> fields[1].equals(name))
                .map(fields -> fields[0])
                .toList();
        assertEquals(1, hashes.size(), "lines for " + name + " in scripts/model-checksums.sha256");
        return hashes.get(0);
    }
}
