package dev.embedlab.vespa.cache;

import com.yahoo.language.Language;
import com.yahoo.language.process.InvocationContext.DestinationType;
import com.yahoo.tensor.TensorType;

import java.util.Objects;

/**
 * What makes two embeddings the same: the embedder, whether it embeds for a query or a document (prefixes
 * differ), the tensor type asked for (cell type, size, binarization), the language and the exact text.
 * The feature name itself is not part of it, so two features of the same type share one entry.
 */
public final class EmbeddingKey {

    private final EmbeddingSpace space;
    private final Language language;
    private final String text;
    private final int hash;

    public EmbeddingKey(EmbeddingSpace space, Language language, String text) {
        this.space = Objects.requireNonNull(space, "space");
        this.language = Objects.requireNonNull(language, "language");
        this.text = Objects.requireNonNull(text, "text");
        this.hash = 31 * (31 * space.hashCode() + language.hashCode()) + text.hashCode();
    }

    public EmbeddingKey(String embedderId, DestinationType destinationType, TensorType tensorType,
                        Language language, String text) {
        this(new EmbeddingSpace(embedderId, destinationType, tensorType), language, text);
    }

    public EmbeddingSpace space() { return space; }

    public String embedderId() { return space.embedderId(); }

    public DestinationType destinationType() { return space.destinationType(); }

    public TensorType tensorType() { return space.tensorType(); }

    public Language language() { return language; }

    public String text() { return text; }

    @Override
    public boolean equals(Object other) {
        if (this == other) return true;
        return other instanceof EmbeddingKey key && hash == key.hash && language == key.language &&
               text.equals(key.text) && space.equals(key.space);
    }

    @Override
    public int hashCode() { return hash; }

    @Override
    public String toString() { return space + " " + language + " '" + text + "'"; }
}
