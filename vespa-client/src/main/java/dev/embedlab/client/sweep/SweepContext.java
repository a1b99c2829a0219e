package dev.embedlab.client.sweep;

import dev.embedlab.core.data.Qrels;
import dev.embedlab.core.data.Topics;
import dev.embedlab.core.metrics.Run;
import dev.embedlab.client.evaluate.EvaluateResult;
import dev.embedlab.client.evaluate.SearchClient;
import dev.embedlab.client.fbench.CommandExecutor;
import dev.embedlab.client.fbench.ColdTexts;
import dev.embedlab.client.fbench.FbenchRun;
import dev.embedlab.client.fbench.FbenchRunner;
import dev.embedlab.client.fbench.FbenchSummary;
import dev.embedlab.client.feed.PassageDocuments;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the steps of a sweep share: how to reach Vespa, the inputs, and the results gathered so far.
 *
 * @param executor       runs vespa CLI and docker commands
 * @param vespaCli       the Vespa CLI executable
 * @param configServer   config server URL, passed to the CLI as the deploy target
 * @param container      Docker container of a local Vespa (for restarts and fbench), or null
 * @param endpoint       container endpoint for feed and queries
 * @param waitTimeout    how long deploys and readiness checks may take
 * @param topicsPath     topics file (for printed commands)
 * @param qrelsPath      qrels file (for printed commands)
 * @param corpus         corpus files for refeeds (may be empty when no refeed is planned)
 * @param documents      how refeeds name documents: the ids {@code embedlab feed} gives the same corpus
 * @param outDir         where copies, runs, raw fbench output and reports go
 * @param fbench         fbench runner, or null when latency is not measured
 * @param fbenchClients  client count of the latency/QPS measurement per row
 */
public record SweepContext(CommandExecutor executor, String vespaCli, URI configServer, String container, URI endpoint,
                           Duration waitTimeout, Path topicsPath, Path qrelsPath, List<Path> corpus,
                           PassageDocuments documents, Path outDir, FbenchRunner fbench, int fbenchClients,
                           Results results) {

    /** Loaded inputs and results, filled in while the plan runs. */
    public static final class Results {
        public Topics topics;
        public Qrels qrels;
        public SearchClient client;
        public int queryThreads = 4;
        public PrintStream log = System.err;
        /** The index must hold exactly the corpus (the expected count is its size and --allow-extra-documents is off). */
        public boolean exactDocumentCount;
        public Run baseline;
        public final Map<String, EvaluateResult> evaluations = new LinkedHashMap<>();
        public final Map<String, FbenchRun> latency = new LinkedHashMap<>();
        /** The cold form's texts: one generator for the whole sweep, so no two rows send the same text. */
        public ColdTexts coldTexts;
        /** The cold form's distinct texts per fbench second (--cold-max-qps), for printed commands. */
        public int coldMaxQps;
        /** The cold form's texts per fbench row ({@code EmbedOptions.coldRequests}); 0 for other forms. */
        public long coldRequests;
    }
}
