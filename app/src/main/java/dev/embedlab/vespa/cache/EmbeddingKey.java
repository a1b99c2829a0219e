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
public record EmbeddingKey(String embedderId, DestinationType destinationType, TensorType tensorType,
                           Language language, String text) {

    public EmbeddingKey {
        Objects.requireNonNull(embedderId, "embedderId");
        Objects.requireNonNull(destinationType, "destinationType");
        Objects.requireNonNull(tensorType, "tensorType");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(text, "text");
    }
}
