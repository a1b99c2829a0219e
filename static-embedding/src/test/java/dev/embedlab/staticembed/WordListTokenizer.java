package dev.embedlab.staticembed;

import dev.embedlab.staticembed.tokenizer.TokenIds;
import dev.embedlab.staticembed.tokenizer.Tokenizer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** A tiny whitespace tokenizer over a word list (id = position), for pooling tests; unknown words get the unknown id. */
final class WordListTokenizer implements Tokenizer {

    private final List<String> words;
    private final Map<String, Integer> ids = new HashMap<>();
    private final int unknown;

    WordListTokenizer(List<String> words, String unknownWord) {
        this.words = List.copyOf(words);
        for (int i = 0; i < words.size(); i++) ids.put(words.get(i), i);
        this.unknown = ids.getOrDefault(unknownWord, -1);
    }

    @Override
    public void encode(CharSequence text, TokenIds out) {
        for (String word : text.toString().trim().split("\\s+")) {
            if (word.isEmpty()) continue;
            Integer id = ids.get(word);
            if (id != null) out.add(id);
            else if (unknown >= 0) out.add(unknown);
        }
    }

    @Override
    public int vocabularySize() {
        return words.size();
    }

    @Override
    public OptionalInt unknownTokenId() {
        return unknown < 0 ? OptionalInt.empty() : OptionalInt.of(unknown);
    }

    @Override
    public String token(int id) {
        return words.get(id);
    }

    @Override
    public OptionalInt tokenId(String token) {
        Integer id = ids.get(token);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }
}
