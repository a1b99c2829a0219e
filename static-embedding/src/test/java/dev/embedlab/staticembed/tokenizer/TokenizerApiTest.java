package dev.embedlab.staticembed.tokenizer;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Tokenizer accessors on the real e5-small-v2 tokenizer, appending semantics, and concurrent use. */
class TokenizerApiTest {

    @Test
    void vocabularyAccessors() {
        Tokenizer tokenizer = Tokenizers.fromTokenizerJson(MiraclTexts.e5Tokenizer());
        assertInstanceOf(WordPieceTokenizer.class, tokenizer);
        assertEquals(30522, tokenizer.vocabularySize());
        assertEquals(100, tokenizer.unknownTokenId().orElseThrow());
        assertEquals("[CLS]", tokenizer.token(101));
        assertEquals(2075, tokenizer.tokenId("##ing").orElseThrow());
        assertEquals("##ing", tokenizer.token(2075));
        assertTrue(tokenizer.tokenId("no-such-token-here").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> tokenizer.token(30522));
        assertThrows(IllegalArgumentException.class, () -> tokenizer.token(-1));
    }

    @Test
    void encodeAppendsWithoutClearing() {
        Tokenizer tokenizer = Tokenizers.fromTokenizerJson(MiraclTexts.e5Tokenizer());
        TokenIds out = new TokenIds(1);
        tokenizer.encode("hello world", out);
        tokenizer.encode("[CLS]", out);
        assertArrayEquals(new int[] {7592, 2088, 101}, out.toArray());
    }

    @Test
    void concurrentEncodingGivesTheSameIds() throws Exception {
        Tokenizer tokenizer = Tokenizers.fromTokenizerJson(MiraclTexts.e5Tokenizer());
        List<String> texts = new ArrayList<>(MiraclTexts.topics("yo"));
        texts.addAll(SampleTexts.adversarial());
        List<int[]> expected = new ArrayList<>();
        for (String text : texts) {
            TokenIds out = new TokenIds();
            tokenizer.encode(text, out);
            expected.add(out.toArray());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                futures.add(pool.submit(() -> {
                    TokenIds out = new TokenIds();
                    for (int round = 0; round < 20; round++) {
                        for (int i = 0; i < texts.size(); i++) {
                            int k = (i + offset * 7 + round) % texts.size();
                            out.clear();
                            tokenizer.encode(texts.get(k), out);
                            assertArrayEquals(expected.get(k), out.toArray(), "text " + k);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) f.get();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void addedTokenIdsFollowTokenizersNotTheFile() {
        // A content already in the model vocabulary takes the model's id; new ones follow the vocabulary.
        List<AddedTokenMatcher.AddedToken> ids = Tokenizers.assignIds(List.of("[UNK]", "new1", "a", "new2", "new1"),
                java.util.Map.of("[UNK]", 0, "a", 1, "b", 2), 3);
        assertEquals(List.of(new AddedTokenMatcher.AddedToken("[UNK]", 0), new AddedTokenMatcher.AddedToken("new1", 3),
                new AddedTokenMatcher.AddedToken("a", 1), new AddedTokenMatcher.AddedToken("new2", 4)), ids);
    }
}
