package dev.embedlab.client.fbench;

import java.security.SecureRandom;

/**
 * Query texts the query embedding cache has not seen, for the cold form: a topic's text plus
 * {@code " <run>-<n>"}, where {@code n} counts up across everything one generator hands out and {@code run} tells
 * runs apart (the cache outlives a run). The part after the last space is unique, so no two texts are equal,
 * whatever the topics are. The suffix is a few more tokens for the model: the vector moves a little and the
 * embedding costs those tokens more, which is why the form is named with every number measured this way.
 */
public final class ColdTexts {

    private final String run;
    private long next = 1;

    public ColdTexts(String run) {
        if (run == null || run.isBlank() || run.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("a cold-text run id must be one word, got '" + run + "'");
        }
        this.run = run;
    }

    /**
     * A generator with a random 64-bit run id (hex): runs started in the same second, or on two machines
     * against one Vespa, still send texts the cache has not seen.
     */
    public static ColdTexts forThisRun() {
        return new ColdTexts(Long.toHexString(new SecureRandom().nextLong()));
    }

    /** {@code text} with the next unused suffix. */
    public synchronized String next(String text) {
        return text + " " + run + "-" + next++;
    }
}
