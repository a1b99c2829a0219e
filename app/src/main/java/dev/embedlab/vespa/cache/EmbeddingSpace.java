package dev.embedlab.vespa.cache;

import com.yahoo.language.process.InvocationContext.DestinationType;
import com.yahoo.tensor.TensorType;

import java.util.Objects;

/**
 * The parts of an embedding key that configuration and schema fix: which embedder, for a query or a document
 * (the prefixes differ), into which tensor type. Made once per mapping and declared input type, so a lookup
 * hashes only the language and the text.
 */
public final class EmbeddingSpace {

    private final String embedderId;
    private final DestinationType destinationType;
    private final TensorType tensorType;
    private final int hash;

    public EmbeddingSpace(String embedderId, DestinationType destinationType, TensorType tensorType) {
        this.embedderId = Objects.requireNonNull(embedderId, "embedderId");
        this.destinationType = Objects.requireNonNull(destinationType, "destinationType");
        this.tensorType = Objects.requireNonNull(tensorType, "tensorType");
        this.hash = Objects.hash(embedderId, destinationType, tensorType);
    }

    public String embedderId() { return embedderId; }

    public DestinationType destinationType() { return destinationType; }

    public TensorType tensorType() { return tensorType; }

    @Override
    public boolean equals(Object other) {
        if (this == other) return true;
        return other instanceof EmbeddingSpace space && hash == space.hash && embedderId.equals(space.embedderId) &&
               destinationType == space.destinationType && tensorType.equals(space.tensorType);
    }

    @Override
    public int hashCode() { return hash; }

    @Override
    public String toString() { return embedderId + " " + destinationType + " " + tensorType; }
}
