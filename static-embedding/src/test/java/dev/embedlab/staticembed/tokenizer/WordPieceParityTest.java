package dev.embedlab.staticembed.tokenizer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Token ids of our WordPiece tokenizer against Hugging Face tokenizers (Vespa's HuggingFaceTokenizer, DJL)
 * for two real tokenizer.json files: e5-small-v2 (bert-base-uncased) and the model2vec fixture (potion-base-8M).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WordPieceParityTest {

    private record Pair(String name, Tokenizer ours, HuggingFaceOracle oracle) {
    }

    private Pair e5;
    private Pair model2vec;

    @BeforeAll
    void load() {
        e5 = load("e5-small-v2", MiraclTexts.e5Tokenizer());
        model2vec = load("model2vec-fixture", MiraclTexts.model2vecTokenizer());
    }

    private static Pair load(String name, Path file) {
        return new Pair(name, Tokenizers.fromTokenizerJson(file), new HuggingFaceOracle(file));
    }

    @AfterAll
    void close() {
        if (e5 != null) e5.oracle().close();
        if (model2vec != null) model2vec.oracle().close();
    }

    private static void compare(Pair pair, String what, List<String> texts) {
        ParityChecker checker = new ParityChecker(pair.name() + " " + what, pair.ours(), pair.oracle());
        checker.checkAll(texts);
        checker.assertNoMismatch();
    }

    @Test
    void adversarialStringsE5() {
        compare(e5, "adversarial", SampleTexts.adversarial());
    }

    @Test
    void adversarialStringsModel2vec() {
        compare(model2vec, "adversarial", SampleTexts.adversarial());
    }

    @Test
    void englishSentences() {
        compare(e5, "english", SampleTexts.english());
        compare(model2vec, "english", SampleTexts.english());
    }

    @Test
    void miraclTopicsYorubaAndSwahili() throws IOException {
        for (String language : List.of("yo", "sw")) {
            List<String> topics = MiraclTexts.topics(language);
            compare(e5, language + " topics", topics);
            compare(model2vec, language + " topics", topics);
        }
    }

    @Test
    void everyMiraclYorubaPassageE5() throws IOException {
        compare(e5, "yo passages (title and text)", MiraclTexts.yorubaPassageFields());
    }

    @Test
    void everyMiraclYorubaPassageModel2vec() throws IOException {
        compare(model2vec, "yo passages (title and text)", MiraclTexts.yorubaPassageFields());
    }
}
