package dev.embedlab.lab;

import com.yahoo.language.process.Embedder;

/**
 * The runtime handed to Vespa's HuggingFaceEmbedder: it keeps, per thread, the sequence length the embedder
 * samples while embedding (its tokenizer's output for the prefixed, truncated text), so the lab learns what the
 * model saw without tokenizing the text a second time. Everything else goes to Vespa's test runtime.
 */
final class SequenceLengths implements Embedder.Runtime {

    private final Embedder.Runtime delegate = Embedder.Runtime.testInstance();
    private final ThreadLocal<long[]> last = ThreadLocal.withInitial(() -> new long[] { -1 });

    /** Forgets this thread's last sample, so {@link #last()} tells whether the next call sampled one. */
    void reset() {
        last.get()[0] = -1;
    }

    /** The length this thread's last embedding sampled, or -1 if it sampled none since {@link #reset()}. */
    long last() {
        return last.get()[0];
    }

    @Override
    public void sampleSequenceLength(long length, Embedder.Context context) {
        last.get()[0] = length;
        delegate.sampleSequenceLength(length, context);
    }

    @Override
    public void sampleEmbeddingLatency(double millis, Embedder.Context context) {
        delegate.sampleEmbeddingLatency(millis, context);
    }

    @Override
    public void sampleRequestCount(Embedder.Context context) {
        delegate.sampleRequestCount(context);
    }

    @Override
    public void sampleRequestFailure(Embedder.Context context, int errorCode) {
        delegate.sampleRequestFailure(context, errorCode);
    }
}
