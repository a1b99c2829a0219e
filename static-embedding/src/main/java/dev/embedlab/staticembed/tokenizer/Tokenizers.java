package dev.embedlab.staticembed.tokenizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads a Hugging Face {@code tokenizer.json} into a pure-Java {@link Tokenizer} that encodes exactly as
 * tokenizers' {@code encode(text, add_special_tokens=False)} with truncation and padding off.
 *
 * <p>Supported:
 * <ul>
 *   <li>model {@code WordPiece} ({@link WordPieceTokenizer}) with pre_tokenizer null, {@code BertPreTokenizer}
 *       or {@code WhitespaceSplit};</li>
 *   <li>model {@code Unigram} without byte_fallback ({@link UnigramTokenizer}) with pre_tokenizer null or
 *       {@code Metaspace};</li>
 *   <li>normalizer null, {@code BertNormalizer}, {@code Lowercase}, {@code StripAccents}, {@code NFD}/{@code
 *       NFKD}/{@code NFC}/{@code NFKC}, {@code Replace} (a literal string, or the regex {@code \s+}), {@code
 *       Strip}, or a {@code Sequence} of those ({@link TextNormalizer});</li>
 *   <li>added tokens with {@code normalized: false} and no lstrip/rstrip/single_word.</li>
 * </ul>
 * {@code post_processor}, {@code decoder}, {@code truncation} and {@code padding} are ignored (no special tokens
 * are added, nothing is truncated or padded). Anything else (e.g. model {@code BPE}, normalizer {@code
 * Precompiled}, pre_tokenizer {@code ByteLevel}) is rejected with an {@link IllegalArgumentException} naming the
 * file and the unsupported type or field, never tokenized approximately.
 */
public final class Tokenizers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Tokenizers() {
    }

    /** Reads {@code file}; IllegalArgumentException for unsupported or malformed content, UncheckedIOException for I/O. */
    public static Tokenizer fromTokenizerJson(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("tokenizer.json not found: " + file, e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": malformed JSON: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() : ""), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer.json " + file, e);
        }
        return fromJson(root, file.toString());
    }

    /** Builds a tokenizer from parsed tokenizer.json content; {@code source} names it in error messages. */
    static Tokenizer fromJson(JsonNode root, String source) {
        if (root == null || !root.isObject()) throw new IllegalArgumentException(source + ": not a JSON object");
        JsonNode model = required(root, "model", source, "model");
        if (!model.isObject()) throw new IllegalArgumentException(source + ": field 'model' is not an object");
        String modelType = model.path("type").asText(null);
        if (modelType == null) {
            // Older files omit model.type; a WordPiece model is recognised by its fields.
            if (model.has("vocab") && model.has("continuing_subword_prefix") && model.has("max_input_chars_per_word")) {
                modelType = "WordPiece";
            } else {
                throw new IllegalArgumentException(source + ": missing field 'model.type'");
            }
        }
        if (!modelType.equals("WordPiece") && !modelType.equals("Unigram")) {
            throw new IllegalArgumentException(source + ": unsupported model type '" + modelType
                    + "' (supported: WordPiece, Unigram)");
        }
        TextNormalizer normalizer = normalizer(root.get("normalizer"), source, "normalizer");
        List<String> added = addedTokens(root.get("added_tokens"), source);
        return modelType.equals("WordPiece")
                ? wordPiece(root, model, normalizer, added, source)
                : unigram(root, model, normalizer, added, source);
    }

    /**
     * The ids tokenizers gives added tokens when it loads them (it does not take the ids written in the file; it
     * warns when they differ): in file order, a content already added keeps its id, a content in the model's
     * vocabulary takes that id, any other takes the next id after the model's vocabulary and earlier additions.
     */
    static List<AddedTokenMatcher.AddedToken> assignIds(List<String> contents, Map<String, Integer> modelVocab,
                                                       int modelVocabSize) {
        Map<String, Integer> assigned = new LinkedHashMap<>();
        for (String content : contents) {
            if (content.isEmpty()) continue;
            Integer id = assigned.get(content);
            if (id == null) id = modelVocab.get(content);
            if (id == null) {
                int max = assigned.values().stream().mapToInt(Integer::intValue).max().orElse(-1);
                id = max < 0 ? modelVocabSize : (max >= modelVocabSize || modelVocabSize == 0 ? max + 1 : modelVocabSize);
            }
            assigned.put(content, id);
        }
        List<AddedTokenMatcher.AddedToken> tokens = new ArrayList<>();
        assigned.forEach((content, id) -> tokens.add(new AddedTokenMatcher.AddedToken(content, id)));
        return tokens;
    }

    private static Tokenizer wordPiece(JsonNode root, JsonNode model, TextNormalizer normalizer,
                                       List<String> addedContents, String source) {
        PreTokenizerKind preTokenizer = wordPiecePreTokenizer(root.get("pre_tokenizer"), source);
        JsonNode vocabNode = required(model, "vocab", source, "model.vocab");
        if (!vocabNode.isObject()) throw new IllegalArgumentException(source + ": field 'model.vocab' is not an object");
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = vocabNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isIntegralNumber() || !e.getValue().canConvertToInt() || e.getValue().asInt() < 0) {
                throw new IllegalArgumentException(source + ": model.vocab entry '" + e.getKey()
                        + "' has id " + e.getValue() + ", expected a non-negative integer");
            }
            vocab.put(e.getKey(), e.getValue().asInt());
        }
        String unk = text(model, "unk_token", "[UNK]", source, "model.unk_token");
        Integer unkId = vocab.get(unk);
        if (unkId == null) {
            throw new IllegalArgumentException(source + ": model.unk_token '" + unk + "' is not in model.vocab");
        }
        String prefix = text(model, "continuing_subword_prefix", "##", source, "model.continuing_subword_prefix");
        int maxChars = integer(model, "max_input_chars_per_word", 100, source, "model.max_input_chars_per_word");
        List<AddedTokenMatcher.AddedToken> added = assignIds(addedContents, vocab, vocab.size());
        Map<String, Integer> allIds = new HashMap<>(vocab);
        for (AddedTokenMatcher.AddedToken t : added) allIds.put(t.content(), t.id());
        return new WordPieceTokenizer(source, normalizer, preTokenizer, new AddedTokenMatcher(added), vocab, prefix,
                unkId, maxChars, allIds);
    }

    private static Tokenizer unigram(JsonNode root, JsonNode model, TextNormalizer normalizer,
                                     List<String> addedContents, String source) {
        UnigramTokenizer.Metaspace metaspace = unigramPreTokenizer(root.get("pre_tokenizer"), source);
        if (bool(model, "byte_fallback", false, source, "model")) {
            throw new IllegalArgumentException(source + ": Unigram model.byte_fallback=true is not supported");
        }
        JsonNode vocabNode = required(model, "vocab", source, "model.vocab");
        if (!vocabNode.isArray()) throw new IllegalArgumentException(source + ": field 'model.vocab' is not an array");
        String[] pieces = new String[vocabNode.size()];
        double[] scores = new double[vocabNode.size()];
        Map<String, Integer> allIds = new HashMap<>();
        for (int i = 0; i < pieces.length; i++) {
            JsonNode entry = vocabNode.get(i);
            if (!entry.isArray() || entry.size() != 2 || !entry.get(0).isTextual() || !entry.get(1).isNumber()) {
                throw new IllegalArgumentException(source + ": model.vocab[" + i + "] is " + entry
                        + ", expected [piece, score]");
            }
            pieces[i] = entry.get(0).asText();
            scores[i] = entry.get(1).asDouble();
            allIds.put(pieces[i], i);
        }
        JsonNode unk = model.get("unk_id");
        if (unk == null || unk.isNull()) {
            throw new IllegalArgumentException(source + ": Unigram model without 'model.unk_id' is not supported");
        }
        if (!unk.isIntegralNumber() || unk.asInt() < 0 || unk.asInt() >= pieces.length) {
            throw new IllegalArgumentException(source + ": field 'model.unk_id' is " + unk + ", expected an index into model.vocab");
        }
        List<AddedTokenMatcher.AddedToken> added = assignIds(addedContents, allIds, pieces.length);
        for (AddedTokenMatcher.AddedToken t : added) allIds.put(t.content(), t.id());
        return new UnigramTokenizer(source, normalizer, metaspace, new AddedTokenMatcher(added), pieces, scores,
                unk.asInt(), allIds);
    }

    private static TextNormalizer normalizer(JsonNode node, String source, String field) {
        if (node == null || node.isNull()) return TextNormalizer.NONE;
        List<TextNormalizer.Step> steps = new ArrayList<>();
        addSteps(node, source, field, steps);
        return new TextNormalizer(steps);
    }

    private static void addSteps(JsonNode node, String source, String field, List<TextNormalizer.Step> steps) {
        if (!node.isObject()) throw new IllegalArgumentException(source + ": field '" + field + "' is not an object");
        String type = required(node, "type", source, field + ".type").asText();
        switch (type) {
            case "BertNormalizer": {
                boolean lowercase = bool(node, "lowercase", true, source, field);
                // strip_accents missing or null means "same as lowercase".
                boolean stripAccents = bool(node, "strip_accents", lowercase, source, field);
                steps.add(TextNormalizer.Step.bert(bool(node, "clean_text", true, source, field),
                        bool(node, "handle_chinese_chars", true, source, field), stripAccents, lowercase));
                return;
            }
            case "Lowercase": steps.add(TextNormalizer.Step.of(TextNormalizer.Kind.LOWERCASE)); return;
            case "StripAccents": steps.add(TextNormalizer.Step.of(TextNormalizer.Kind.STRIP_ACCENTS)); return;
            case "NFD": steps.add(TextNormalizer.Step.of(TextNormalizer.Kind.NFD)); return;
            case "NFKD": steps.add(TextNormalizer.Step.of(TextNormalizer.Kind.NFKD)); return;
            case "NFC": steps.add(TextNormalizer.Step.of(TextNormalizer.Kind.NFC)); return;
            case "NFKC": steps.add(TextNormalizer.Step.of(TextNormalizer.Kind.NFKC)); return;
            case "Replace": {
                JsonNode pattern = required(node, "pattern", source, field + ".pattern");
                String content = text(node, "content", null, source, field + ".content");
                if (pattern.has("String") && pattern.get("String").isTextual()) {
                    steps.add(TextNormalizer.Step.replace(pattern.get("String").asText(), content));
                } else if (pattern.has("Regex") && "\\s+".equals(pattern.get("Regex").asText())) {
                    steps.add(TextNormalizer.Step.replaceWhitespaceRuns(content));
                } else {
                    throw new IllegalArgumentException(source + ": unsupported Replace pattern " + pattern + " at '"
                            + field + ".pattern' (supported: {\"String\": ...} and {\"Regex\": \"\\\\s+\"})");
                }
                return;
            }
            case "Strip":
                steps.add(TextNormalizer.Step.strip(bool(node, "strip_left", true, source, field),
                        bool(node, "strip_right", true, source, field)));
                return;
            case "Sequence": {
                JsonNode list = required(node, "normalizers", source, field + ".normalizers");
                if (!list.isArray()) {
                    throw new IllegalArgumentException(source + ": field '" + field + ".normalizers' is not an array");
                }
                for (int i = 0; i < list.size(); i++) addSteps(list.get(i), source, field + ".normalizers[" + i + "]", steps);
                return;
            }
            default:
                throw new IllegalArgumentException(source + ": unsupported normalizer type '" + type + "' at '" + field
                        + "' (supported: BertNormalizer, Lowercase, StripAccents, NFD, NFKD, NFC, NFKC, Replace, Strip, Sequence)");
        }
    }

    private static PreTokenizerKind wordPiecePreTokenizer(JsonNode node, String source) {
        if (node == null || node.isNull()) return PreTokenizerKind.NONE;
        if (!node.isObject()) throw new IllegalArgumentException(source + ": field 'pre_tokenizer' is not an object");
        String type = required(node, "type", source, "pre_tokenizer.type").asText();
        switch (type) {
            case "BertPreTokenizer": return PreTokenizerKind.BERT;
            case "WhitespaceSplit": return PreTokenizerKind.WHITESPACE_SPLIT;
            default:
                throw new IllegalArgumentException(source + ": unsupported pre_tokenizer type '" + type
                        + "' for a WordPiece model (supported: BertPreTokenizer, WhitespaceSplit)");
        }
    }

    private static UnigramTokenizer.Metaspace unigramPreTokenizer(JsonNode node, String source) {
        if (node == null || node.isNull()) return null;
        if (!node.isObject()) throw new IllegalArgumentException(source + ": field 'pre_tokenizer' is not an object");
        String type = required(node, "type", source, "pre_tokenizer.type").asText();
        if (!type.equals("Metaspace")) {
            throw new IllegalArgumentException(source + ": unsupported pre_tokenizer type '" + type
                    + "' for a Unigram model (supported: Metaspace)");
        }
        String replacement = text(node, "replacement", "\u2581", source, "pre_tokenizer.replacement");
        if (replacement.length() != 1) {
            throw new IllegalArgumentException(source + ": pre_tokenizer.replacement '" + replacement
                    + "' is not a single BMP character");
        }
        UnigramTokenizer.Prepend prepend;
        JsonNode scheme = node.get("prepend_scheme");
        if (scheme != null && !scheme.isNull()) {
            switch (scheme.asText()) {
                case "always": prepend = UnigramTokenizer.Prepend.ALWAYS; break;
                case "first": prepend = UnigramTokenizer.Prepend.FIRST; break;
                case "never": prepend = UnigramTokenizer.Prepend.NEVER; break;
                default:
                    throw new IllegalArgumentException(source + ": unsupported pre_tokenizer.prepend_scheme '"
                            + scheme.asText() + "' (supported: always, first, never)");
            }
        } else {
            // Files written before prepend_scheme existed carry add_prefix_space.
            prepend = bool(node, "add_prefix_space", true, source, "pre_tokenizer")
                    ? UnigramTokenizer.Prepend.ALWAYS : UnigramTokenizer.Prepend.NEVER;
        }
        return new UnigramTokenizer.Metaspace(replacement.charAt(0), prepend,
                bool(node, "split", true, source, "pre_tokenizer"));
    }

    /** The contents of the added tokens, in file order, after checking their options are supported. */
    private static List<String> addedTokens(JsonNode node, String source) {
        List<String> tokens = new ArrayList<>();
        if (node == null || node.isNull()) return tokens;
        if (!node.isArray()) throw new IllegalArgumentException(source + ": field 'added_tokens' is not an array");
        for (int i = 0; i < node.size(); i++) {
            JsonNode t = node.get(i);
            String field = "added_tokens[" + i + "]";
            if (!t.isObject()) throw new IllegalArgumentException(source + ": field '" + field + "' is not an object");
            String content = text(t, "content", null, source, field + ".content");
            boolean special = bool(t, "special", false, source, field);
            // tokenizers' AddedToken default for 'normalized' is !special.
            boolean normalized = bool(t, "normalized", !special, source, field);
            for (String flag : new String[] {"lstrip", "rstrip", "single_word"}) {
                if (bool(t, flag, false, source, field)) {
                    throw new IllegalArgumentException(source + ": added token '" + content + "' (" + field + ") sets "
                            + flag + "=true, which is not supported");
                }
            }
            if (normalized) {
                throw new IllegalArgumentException(source + ": added token '" + content + "' (" + field
                        + ") has normalized=true, which is not supported");
            }
            tokens.add(content);
        }
        return tokens;
    }

    private static JsonNode required(JsonNode node, String name, String source, String field) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) throw new IllegalArgumentException(source + ": missing field '" + field + "'");
        return value;
    }

    private static String text(JsonNode node, String name, String fallback, String source, String field) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            if (fallback == null) throw new IllegalArgumentException(source + ": missing field '" + field + "'");
            return fallback;
        }
        if (!value.isTextual()) throw new IllegalArgumentException(source + ": field '" + field + "' is not a string");
        return value.asText();
    }

    private static int integer(JsonNode node, String name, int fallback, String source, String field) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) return fallback;
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new IllegalArgumentException(source + ": field '" + field + "' is not an integer: " + value);
        }
        return value.asInt();
    }

    private static boolean bool(JsonNode node, String name, boolean fallback, String source, String field) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) return fallback;
        if (!value.isBoolean()) throw new IllegalArgumentException(source + ": field '" + field + "." + name + "' is not a boolean");
        return value.asBoolean();
    }
}
