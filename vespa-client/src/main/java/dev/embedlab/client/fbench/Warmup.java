package dev.embedlab.client.fbench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedlab.client.evaluate.SearchClient;
import dev.embedlab.client.evaluate.SearchOutcome;

import java.io.IOException;
import java.util.List;

/**
 * The cached form's untimed pass: every body sent once, in order, so that the query embedding cache holds every
 * text before fbench times anything. A body that fails stops the run: its text would be a miss in the timed runs.
 */
public final class Warmup {

    private Warmup() {
    }

    /** Sends each body once; returns how many were sent. */
    public static int run(SearchClient client, List<ObjectNode> bodies) throws IOException {
        int sent = 0;
        for (ObjectNode body : bodies) {
            SearchOutcome outcome = client.search(body);
            sent++;
            if (!outcome.ok()) {
                throw new IOException("warm-up request " + sent + " of " + bodies.size() + " failed: " + outcome.failure()
                        + "; the cache would not be warm");
            }
        }
        return sent;
    }
}
