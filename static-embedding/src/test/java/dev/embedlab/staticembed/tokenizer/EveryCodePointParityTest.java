package dev.embedlab.staticembed.tokenizer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.List;

/**
 * Every code point of planes 0 to 3 and the tag/variation-selector block, alone between two letters, against
 * Hugging Face tokenizers: this pins the character classes (whitespace, control, punctuation, nonspacing
 * marks, CJK), NFD and lowercasing to the Rust library's Unicode versions, one character at a time.
 */
class EveryCodePointParityTest {

    @TempDir
    Path dir;

    @Test
    void bertNormalizerAndPreTokenizer() {
        compareEveryCodePoint("e5-small-v2", MiraclTexts.e5Tokenizer());
    }

    @Test
    void stripAccentsLowercaseNormalizers() throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(MiraclTexts.e5Tokenizer().toFile());
        ObjectNode sequence = root.putObject("normalizer");
        sequence.put("type", "Sequence");
        sequence.putArray("normalizers").add(json.createObjectNode().put("type", "StripAccents"))
                .add(json.createObjectNode().put("type", "Lowercase"));
        root.putNull("pre_tokenizer");
        Path file = dir.resolve("strip-accents-lowercase.json");
        json.writeValue(file.toFile(), root);
        compareEveryCodePoint("e5 variant StripAccents+Lowercase", file);
    }

    @Test
    void unigramWithReplaceStripMetaspace() {
        compareEveryCodePoint("vocab-quantized (Unigram)", MiraclTexts.vocabQuantizedTokenizer());
    }

    private static void compareEveryCodePoint(String name, Path file) {
        try (HuggingFaceOracle oracle = new HuggingFaceOracle(file)) {
            ParityChecker checker = new ParityChecker(name + " every code point U+0000..U+3FFFF, U+E0000..U+E01FF",
                    Tokenizers.fromTokenizerJson(file), oracle);
            checker.checkAll(textsAround(0, 0x3FFFF));
            checker.checkAll(textsAround(0xE0000, 0xE01FF));
            checker.checkAll(List.of("a\uDB80\uDC00b", "a\uDBBF\uDFFDb", "a\uDBC0\uDC00b", "a\uDBFF\uDFFDb"));
            checker.assertNoMismatch();
        }
    }

    /** "a" + code point + "B" for every code point in [from, to] except surrogates. */
    private static List<String> textsAround(int from, int to) {
        return new AbstractList<>() {
            @Override
            public String get(int index) {
                int cp = from + index;
                if (cp >= 0xD800 && cp <= 0xDFFF) return "ab";
                return "a" + new String(Character.toChars(cp)) + "B";
            }

            @Override
            public int size() {
                return to - from + 1;
            }
        };
    }
}
