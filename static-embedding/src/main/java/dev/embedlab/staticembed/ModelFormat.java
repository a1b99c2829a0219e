package dev.embedlab.staticembed;

/**
 * Which library's inference rules a model folder follows. The table's tensor name decides:
 * Model2Vec writes {@code embeddings}, sentence-transformers' StaticEmbedding writes {@code embedding.weight}.
 */
public enum ModelFormat {

    /**
     * Python {@code model2vec.StaticModel.encode}: no special tokens, the unknown token dropped, the text cut
     * to {@code max_length * median token length} code points, then at most {@code max_length} (512) ids,
     * rows scaled by {@code weights} and remapped by {@code mapping} when present, arithmetic mean,
     * L2-normalized when {@code config.json} says {@code normalize}.
     */
    MODEL2VEC("embeddings"),

    /**
     * sentence-transformers {@code StaticEmbedding}: no special tokens, every id kept (unknown too), no
     * length cap, plain mean ({@code EmbeddingBag(mode="mean")}), normalized only when {@code modules.json}
     * lists a {@code Normalize} module.
     */
    SENTENCE_TRANSFORMERS("embedding.weight");

    private final String tableTensor;

    ModelFormat(String tableTensor) {
        this.tableTensor = tableTensor;
    }

    /** Name of the embedding table in model.safetensors. */
    public String tableTensor() {
        return tableTensor;
    }
}
