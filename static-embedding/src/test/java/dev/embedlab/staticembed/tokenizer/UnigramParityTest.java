package dev.embedlab.staticembed.tokenizer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * Token ids of our Unigram tokenizer against Hugging Face tokenizers for the model2vec vocab-quantized fixture,
 * whose tokenizer.json is a Unigram model behind a Sequence normalizer (BertNormalizer, Replace of each ASCII
 * punctuation char, Replace of \s+, Strip) and a Metaspace pre-tokenizer: the form Model2Vec writes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnigramParityTest {

    private Tokenizer ours;
    private HuggingFaceOracle oracle;

    @BeforeAll
    void load() {
        Path file = MiraclTexts.vocabQuantizedTokenizer();
        ours = Tokenizers.fromTokenizerJson(file);
        oracle = new HuggingFaceOracle(file);
    }

    @AfterAll
    void close() {
        if (oracle != null) oracle.close();
    }

    private void compare(String what, List<String> texts) {
        ParityChecker checker = new ParityChecker("vocab-quantized (Unigram) " + what, ours, oracle);
        checker.checkAll(texts);
        checker.assertNoMismatch();
    }

    @Test
    void isUnigram() {
        assertInstanceOf(UnigramTokenizer.class, ours);
    }

    @Test
    void adversarialStrings() {
        compare("adversarial", SampleTexts.adversarial());
    }

    @Test
    void englishAndTopics() throws IOException {
        compare("english", SampleTexts.english());
        compare("yo topics", MiraclTexts.topics("yo"));
        compare("sw topics", MiraclTexts.topics("sw"));
    }

    @Test
    void everyMiraclYorubaPassage() throws IOException {
        compare("yo passages (title and text)", MiraclTexts.yorubaPassageFields());
    }
}
