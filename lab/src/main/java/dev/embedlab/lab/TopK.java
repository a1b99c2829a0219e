package dev.embedlab.lab;

/**
 * The k best (highest score) document indexes seen, as a primitive binary min-heap: no boxing in the search
 * loop. Among equal scores the lower document index wins, so results do not depend on thread scheduling.
 */
final class TopK {

    private final int k;
    private final int[] docs;
    private final float[] scores;
    private int size;

    TopK(int k) {
        this.k = k;
        this.docs = new int[k];
        this.scores = new float[k];
    }

    /** The score a new document must beat to enter (negative infinity until full). */
    float threshold() {
        return size < k ? Float.NEGATIVE_INFINITY : scores[0];
    }

    void offer(int doc, float score) {
        if (size < k) {
            docs[size] = doc;
            scores[size] = score;
            siftUp(size++);
        } else if (worse(scores[0], docs[0], score, doc)) {
            docs[0] = doc;
            scores[0] = score;
            siftDown(0);
        }
    }

    void addAll(TopK other) {
        for (int i = 0; i < other.size; i++) offer(other.docs[i], other.scores[i]);
    }

    int size() {
        return size;
    }

    /** Document indexes best first; {@code scoresOut} (if not null) gets their scores. */
    int[] sortedDocs(float[] scoresOut) {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> worse(scores[a], docs[a], scores[b], docs[b]) ? 1
                : worse(scores[b], docs[b], scores[a], docs[a]) ? -1 : 0);
        int[] result = new int[size];
        for (int i = 0; i < size; i++) {
            result[i] = docs[order[i]];
            if (scoresOut != null) scoresOut[i] = scores[order[i]];
        }
        return result;
    }

    /** Whether (scoreA, docA) ranks below (scoreB, docB). */
    private static boolean worse(float scoreA, int docA, float scoreB, int docB) {
        return scoreA < scoreB || (scoreA == scoreB && docA > docB);
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!worse(scores[i], docs[i], scores[parent], docs[parent])) break;
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) break;
            int right = left + 1;
            int worst = right < size && worse(scores[right], docs[right], scores[left], docs[left]) ? right : left;
            if (!worse(scores[worst], docs[worst], scores[i], docs[i])) break;
            swap(i, worst);
            i = worst;
        }
    }

    private void swap(int a, int b) {
        int d = docs[a];
        docs[a] = docs[b];
        docs[b] = d;
        float s = scores[a];
        scores[a] = scores[b];
        scores[b] = s;
    }
}
