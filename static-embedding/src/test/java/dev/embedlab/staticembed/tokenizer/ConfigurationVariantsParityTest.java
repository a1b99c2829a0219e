package dev.embedlab.staticembed.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The other supported normalizer / pre-tokenizer / added-token configurations, each written as a variant of the
 * e5-small-v2 tokenizer.json and compared with Hugging Face tokenizers on the adversarial strings, English and
 * the MIRACL topics.
 */
class ConfigurationVariantsParityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static List<String> texts() throws IOException {
        List<String> texts = new ArrayList<>(SampleTexts.adversarial());
        texts.addAll(SampleTexts.english());
        texts.addAll(MiraclTexts.topics("yo"));
        texts.addAll(MiraclTexts.topics("sw"));
        return texts;
    }

    private void compareVariant(String name, Consumer<ObjectNode> change, List<String> extraTexts) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(MiraclTexts.e5Tokenizer().toFile());
        change.accept(root);
        Path file = dir.resolve(name + ".json");
        JSON.writeValue(file.toFile(), root);
        try (HuggingFaceOracle oracle = new HuggingFaceOracle(file)) {
            ParityChecker checker = new ParityChecker("e5 variant " + name, Tokenizers.fromTokenizerJson(file), oracle);
            checker.checkAll(texts());
            checker.checkAll(extraTexts);
            checker.assertNoMismatch();
        }
    }

    private void compareVariant(String name, Consumer<ObjectNode> change) throws IOException {
        compareVariant(name, change, List.of());
    }

    private static ObjectNode bert(boolean clean, boolean chinese, Boolean strip, boolean lowercase) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "BertNormalizer");
        n.put("clean_text", clean);
        n.put("handle_chinese_chars", chinese);
        if (strip == null) n.putNull("strip_accents");
        else n.put("strip_accents", strip);
        n.put("lowercase", lowercase);
        return n;
    }

    private static ObjectNode sequence(String... types) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "Sequence");
        ArrayNode list = n.putArray("normalizers");
        for (String type : types) list.addObject().put("type", type);
        return n;
    }

    @Test
    void casedBertNormalizer() throws IOException {
        compareVariant("cased", root -> root.set("normalizer", bert(true, true, null, false)));
    }

    @Test
    void lowercaseWithoutStrippingAccentsUsesRustCaseMapping() throws IOException {
        // Lowercase targets that Java 17 (Unicode 13) does not know, added to the vocabulary so that whether the
        // Rust library lowercases them shows in the ids.
        String[] lowered = {"\u2C5F", "\uA7C1", "\uA7D1", "\uA7D7", "\uA7D9", "\u1C8A", "\uA7CD", "\uA7DB", "\u019B",
                "\uD801\uDD97", "\uD803\uDD70", "i\u0307", "\u0131", "\u03C3", "\u03C2"};
        compareVariant("lowercase-keep-accents", root -> {
            root.set("normalizer", bert(true, true, false, true));
            ObjectNode vocab = (ObjectNode) root.path("model").path("vocab");
            int id = vocab.size();
            for (String token : lowered) if (!vocab.has(token)) vocab.put(token, id++);
        }, List.of("\u2C2F", "\uA7C0", "\uA7D0", "\uA7D6", "\uA7D8", "\u1C89", "\uA7CC", "\uA7DA", "\uA7DC", "\uA7CB",
                "\uD801\uDD70", "\uD803\uDD50", "\u0130", "I\u0307", "\u03A3\u03A3 \u03A3", "\u1E9E"));
    }

    @Test
    void stripAccentsWithoutLowercase() throws IOException {
        compareVariant("strip-no-lowercase", root -> root.set("normalizer", bert(true, true, true, false)));
    }

    @Test
    void noCleanTextNoChineseChars() throws IOException {
        compareVariant("no-clean-no-chinese", root -> root.set("normalizer", bert(false, false, null, true)));
    }

    @Test
    void noNormalizer() throws IOException {
        compareVariant("no-normalizer", root -> root.putNull("normalizer"));
    }

    @Test
    void sequenceOfUnicodeNormalizers() throws IOException {
        compareVariant("nfd-lowercase-stripaccents", root -> root.set("normalizer", sequence("NFD", "Lowercase", "StripAccents")));
        compareVariant("nfkc-lowercase", root -> root.set("normalizer", sequence("NFKC", "Lowercase")));
        compareVariant("nfc-strip", root -> root.set("normalizer", sequence("NFC", "StripAccents")));
        compareVariant("nfkd", root -> root.set("normalizer", sequence("NFKD")));
    }

    @Test
    void replaceAndStripNormalizers() throws IOException {
        compareVariant("replace-strip", root -> {
            ObjectNode seq = JSON.createObjectNode();
            seq.put("type", "Sequence");
            ArrayNode list = seq.putArray("normalizers");
            list.add(bert(true, true, null, true));
            ObjectNode r1 = list.addObject();
            r1.put("type", "Replace");
            r1.putObject("pattern").put("String", "ab");
            r1.put("content", "x y");
            ObjectNode r2 = list.addObject();
            r2.put("type", "Replace");
            r2.putObject("pattern").put("Regex", "\\s+");
            r2.put("content", "  ");
            ObjectNode strip = list.addObject();
            strip.put("type", "Strip");
            strip.put("strip_left", false);
            strip.put("strip_right", true);
            root.set("normalizer", seq);
        }, List.of("abab aab abba", " ab ", "  a  b  "));
    }

    @Test
    void whitespaceSplitAndNoPreTokenizer() throws IOException {
        compareVariant("whitespace-split", root -> root.set("pre_tokenizer", JSON.createObjectNode().put("type", "WhitespaceSplit")));
        compareVariant("no-pre-tokenizer", root -> root.putNull("pre_tokenizer"));
    }

    @Test
    void moreAddedTokensIncludingNonAsciiAndOverlapping() throws IOException {
        compareVariant("added-tokens", root -> {
            ArrayNode added = (ArrayNode) root.get("added_tokens");
            int id = root.path("model").path("vocab").size();
            for (String content : new String[] {"hello world", "[MASK]er", "\u1EB9\u0300k\u1ECD\u0301", "\uD83D\uDE00!", "ab"}) {
                ObjectNode t = added.addObject();
                t.put("id", id++);
                t.put("content", content);
                t.put("single_word", false);
                t.put("lstrip", false);
                t.put("rstrip", false);
                t.put("normalized", false);
                t.put("special", false);
            }
        }, List.of("say hello world!", "hello  world", "Hello world", "[MASK]er [MASK] [MASK]ers", "\u1EB9\u0300k\u1ECD\u0301 \u1EB9\u0300k\u1ECD",
                "\uD83D\uDE00!\uD83D\uDE00", "abab cab", "xhello worldx[CLS]ab"));
    }
}
