package dev.embedlab.staticembed.tokenizer;

import java.util.OptionalInt;

/**
 * Text to token ids, without special tokens, as Hugging Face tokenizers' {@code encode(text,
 * add_special_tokens=False)} does. Implementations are immutable and safe for concurrent use.
 */
public interface Tokenizer {

    /** Appends the ids of {@code text} to {@code out} (does not clear it). */
    void encode(CharSequence text, TokenIds out);

    /** Number of entries in the vocabulary: every id is in [0, vocabularySize()). */
    int vocabularySize();

    /** The id of the unknown token, if the model has one. */
    OptionalInt unknownTokenId();

    /** The vocabulary string of an id (e.g. "##ing"). */
    String token(int id);

    /** The id of a vocabulary string, if present. */
    OptionalInt tokenId(String token);
}
