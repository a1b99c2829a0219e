package dev.embedlab.staticembed.tokenizer;

/** The supported tokenizer.json pre-tokenizers, with tokenizers' splitting rules. */
enum PreTokenizerKind {
    /** No pre_tokenizer: the whole normalized segment is one word. */
    NONE,
    /** {@code BertPreTokenizer}: split on Rust whitespace (removed), then isolate each BERT punctuation char. */
    BERT,
    /** {@code WhitespaceSplit}: split on Rust whitespace (removed). */
    WHITESPACE_SPLIT
}
