package dev.embedlab.staticembed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.yahoo.language.huggingface.HuggingFaceTokenizer;
import dev.embedlab.staticembed.tokenizer.TokenIds;
import dev.embedlab.staticembed.tokenizer.Tokenizer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Test-only {@link TokenizerReader} backed by Vespa's HuggingFaceTokenizer (DJL, i.e. the Rust
 * Hugging Face tokenizers library): the reference tokenization, and the only one here that reads
 * Unigram tokenizers (the vocabulary-quantized fixture has one). Vocabulary facts come from the JSON.
 */
final class DjlTokenizers {

    private DjlTokenizers() {
    }

    static Tokenizer read(Path tokenizerJson) throws IOException {
        JsonNode json = new ObjectMapper().readTree(tokenizerJson.toFile());
        JsonNode model = json.get("model");
        Map<String, Integer> ids = new HashMap<>();
        JsonNode vocab = model.get("vocab");
        if (vocab.isObject()) vocab.fields().forEachRemaining(e -> ids.put(e.getKey(), e.getValue().asInt()));
        else for (int i = 0; i < vocab.size(); i++) ids.put(vocab.get(i).get(0).asText(), i); // Unigram: [piece, score]
        for (JsonNode added : json.path("added_tokens")) ids.put(added.get("content").asText(), added.get("id").asInt());
        int size = ids.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        String[] tokens = new String[size];
        ids.forEach((token, id) -> tokens[id] = token);
        OptionalInt unknown;
        if (model.hasNonNull("unk_id")) unknown = OptionalInt.of(model.get("unk_id").asInt());
        else if (model.hasNonNull("unk_token") && ids.containsKey(model.get("unk_token").asText()))
            unknown = OptionalInt.of(ids.get(model.get("unk_token").asText()));
        else unknown = OptionalInt.empty();
        HuggingFaceTokenizer djl = new HuggingFaceTokenizer.Builder().addDefaultModel(tokenizerJson).addSpecialTokens(false)
                                                                     .setTruncation(false).setPadding(false).build();
        return new Tokenizer() {
            @Override
            public void encode(CharSequence text, TokenIds out) {
                for (long id : djl.encode(text.toString()).ids()) out.add((int) id);
            }

            @Override
            public int vocabularySize() {
                return size;
            }

            @Override
            public OptionalInt unknownTokenId() {
                return unknown;
            }

            @Override
            public String token(int id) {
                return tokens[id];
            }

            @Override
            public OptionalInt tokenId(String token) {
                Integer id = ids.get(token);
                return id == null ? OptionalInt.empty() : OptionalInt.of(id);
            }
        };
    }
}
