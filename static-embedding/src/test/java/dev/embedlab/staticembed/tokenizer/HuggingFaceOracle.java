package dev.embedlab.staticembed.tokenizer;

import com.yahoo.language.huggingface.HuggingFaceTokenizer;

import java.nio.file.Path;
import java.util.List;

/**
 * The reference: Vespa's HuggingFaceTokenizer (DJL over the Rust tokenizers library) with special tokens,
 * truncation and padding off, i.e. {@code encode(text, add_special_tokens=False)}.
 */
final class HuggingFaceOracle implements AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;

    HuggingFaceOracle(Path tokenizerJson) {
        tokenizer = new HuggingFaceTokenizer.Builder()
                .addDefaultModel(tokenizerJson)
                .addSpecialTokens(false)
                .setTruncation(false)
                .setPadding(false)
                .build();
    }

    int[] encode(String text) {
        List<Long> ids = tokenizer.encode(text).ids();
        int[] out = new int[ids.size()];
        for (int i = 0; i < out.length; i++) out[i] = Math.toIntExact(ids.get(i));
        return out;
    }

    List<String> tokens(String text) {
        return tokenizer.encode(text).tokens();
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
