package dev.embedlab.lab;

import dev.embedlab.core.data.CorpusFormat;
import dev.embedlab.core.data.CorpusReader;
import dev.embedlab.core.data.Passage;
import dev.embedlab.core.data.Qrels;
import dev.embedlab.core.data.SkippedLine;
import dev.embedlab.core.data.Topic;
import dev.embedlab.core.data.Topics;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads corpus, topics and qrels for the lab and checks them against each other. What happens on bad input:
 * <ul>
 *   <li>a missing or unreadable file: the lab stops, naming the file;</li>
 *   <li>a malformed topics or qrels line: the lab stops, listing file and line numbers (a shortened topics or
 *       qrels file would change every metric);</li>
 *   <li>a malformed corpus line: skipped and reported with file and line number; the run goes on (with
 *       {@code --strict} it stops);</li>
 *   <li>the same document id twice in the corpus: the lab stops (a run file cannot hold it twice);</li>
 *   <li>qrels naming documents that are not in the corpus: reported; they stay in the judgments, so, as in
 *       trec_eval, a relevant document that cannot be retrieved still counts in the ideal ranking and lowers the
 *       score (with {@code --strict} the lab stops);</li>
 *   <li>topics without qrels: reported; they are embedded and timed but not scored (trec_eval ignores them);
 *       qrels queries without a topic: reported, listed as missing, and folded in as 0 in the "-c" NDCG.</li>
 * </ul>
 * With {@code maxDocs} the corpus becomes a subset: every document judged relevant for a topic is kept first
 * (up to maxDocs), then other documents in file order fill it up; judgments of documents outside the subset are
 * dropped and only topics with a relevant document inside are scored. Such NDCG is not comparable with a full run.
 */
public final class LabInputs {

    private static final int SHOWN = 10;

    private LabInputs() {
    }

    /** Input problems that {@code --strict} turns into a stop. */
    public static final class StrictInputException extends IOException {
        private static final long serialVersionUID = 1L;

        StrictInputException(String message) {
            super(message);
        }
    }

    public static LabData read(Path corpus, CorpusFormat format, Path topicsFile, Path qrelsFile, int maxDocs,
                               boolean strict, PrintStream log) throws IOException {
        for (Path file : List.of(corpus, topicsFile, qrelsFile)) {
            if (!Files.isRegularFile(file)) throw new NoSuchFileException(file.toString(), null, "input file not found");
        }
        List<String> warnings = new ArrayList<>();
        Topics topics = Topics.read(topicsFile);
        Qrels qrels = Qrels.read(qrelsFile);
        // A silently shortened topics or qrels file changes every metric: those always stop.
        reportSkipped("topics", topics.skipped(), warnings, true);
        reportSkipped("qrels", qrels.skipped(), warnings, true);
        Set<String> topicIds = new HashSet<>();
        topics.topics().forEach(t -> topicIds.add(t.qid()));

        Set<String> relevant = new HashSet<>();
        qrels.judgments().forEach((qid, docs) -> {
            if (topicIds.contains(qid)) docs.forEach((doc, grade) -> { if (grade >= 1) relevant.add(doc); });
        });

        List<Passage> passages = new ArrayList<>();
        Map<String, Long> lineOf = new HashMap<>();
        long lines;
        List<SkippedLine> skipped;
        try (CorpusReader reader = CorpusReader.open(corpus, format)) {
            int others = 0;
            int relevantKept = 0;
            while (reader.hasNext()) {
                Passage p = reader.next();
                Long first = lineOf.putIfAbsent(p.docId(), p.line());
                if (first != null) {
                    throw new IOException(corpus + ":" + p.line() + ": document id '" + p.docId()
                            + "' already seen at line " + first + "; document ids must be unique");
                }
                if (maxDocs <= 0) {
                    passages.add(p);
                } else if (relevant.contains(p.docId())) {
                    if (relevantKept < maxDocs) {
                        passages.add(p);
                        relevantKept++;
                    }
                } else if (others < maxDocs - Math.min(maxDocs, relevant.size())) {
                    passages.add(p);
                    others++;
                }
            }
            lines = reader.nonBlankLines();
            skipped = reader.skipped();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        reportSkipped("corpus", skipped, warnings, strict);
        if (passages.isEmpty()) throw new IOException(corpus + ": no passages could be read");

        Set<String> docIds = new HashSet<>();
        passages.forEach(p -> docIds.add(p.docId()));
        boolean subset = maxDocs > 0;
        Qrels scored = subset ? restrict(qrels, docIds, topicIds) : qrels;
        if (subset) {
            int scoredTopics = (int) scored.queryIds().stream().filter(q -> scored.relevantCount(q) > 0).count();
            warnings.add(String.format(java.util.Locale.ROOT, "SUBSET: --max-docs %d kept %d of %d passages (relevant documents "
                    + "first) and %d topics with a relevant document among them; this NDCG is NOT comparable with "
                    + "a full-corpus run", maxDocs, passages.size(), lines - skipped.size(), scoredTopics));
        } else {
            checkUnknownDocuments(qrels, docIds, warnings, strict);
        }
        List<String> noQrels = topics.topics().stream().map(Topic::qid).filter(q -> scored.of(q).isEmpty()).toList();
        if (!noQrels.isEmpty()) {
            warnings.add(noQrels.size() + " topics have no qrels: embedded and timed, not scored (as trec_eval): "
                    + shown(noQrels));
        }
        List<String> noTopic = scored.queryIds().stream().filter(q -> !topicIds.contains(q)).toList();
        if (!noTopic.isEmpty()) {
            warnings.add(noTopic.size() + " qrels queries have no topic: not scored by default, 0 in the trec_eval -c "
                    + "NDCG column: " + shown(noTopic));
        }
        for (String w : warnings) log.println("WARNING: " + w);
        return new LabData(passages, topics.topics(), scored, lines, skipped.size(), subset, warnings);
    }

    private static void reportSkipped(String what, List<SkippedLine> skipped, List<String> warnings, boolean strict)
            throws StrictInputException {
        if (skipped.isEmpty()) return;
        StringBuilder s = new StringBuilder(skipped.size() + " malformed " + what + " lines skipped:");
        skipped.stream().limit(SHOWN).forEach(line -> s.append("\n    ").append(line));
        if (skipped.size() > SHOWN) s.append("\n    ... and ").append(skipped.size() - SHOWN).append(" more");
        if (strict) throw new StrictInputException(s + "\n(stopping: fix these lines)");
        warnings.add(s.toString());
    }

    private static void checkUnknownDocuments(Qrels qrels, Set<String> docIds, List<String> warnings, boolean strict)
            throws StrictInputException {
        List<String> unknownRelevant = new ArrayList<>();
        int unknownJudged = 0;
        for (var query : qrels.judgments().entrySet()) {
            for (var judgment : query.getValue().entrySet()) {
                if (docIds.contains(judgment.getKey())) continue;
                unknownJudged++;
                if (judgment.getValue() >= 1) unknownRelevant.add(query.getKey() + "/" + judgment.getKey());
            }
        }
        if (unknownJudged == 0) return;
        String message = unknownJudged + " qrels lines name documents that are not in the corpus (" + unknownRelevant.size()
                + " of them relevant: they cannot be retrieved and lower NDCG/recall, as in trec_eval): "
                + shown(unknownRelevant);
        if (strict && !unknownRelevant.isEmpty()) throw new StrictInputException(message + " (--strict: stopping)");
        warnings.add(message);
    }

    /** The judgments of documents in the subset, for queries with a topic and a relevant document in the subset. */
    static Qrels restrict(Qrels qrels, Set<String> docIds, Set<String> topicIds) {
        Map<String, Map<String, Integer>> kept = new LinkedHashMap<>();
        qrels.judgments().forEach((qid, docs) -> {
            if (!topicIds.contains(qid)) return;
            Map<String, Integer> inSubset = new LinkedHashMap<>();
            docs.forEach((doc, grade) -> { if (docIds.contains(doc)) inSubset.put(doc, grade); });
            if (inSubset.values().stream().anyMatch(g -> g >= 1)) kept.put(qid, inSubset);
        });
        return new Qrels(qrels.file(), kept, qrels.skipped());
    }

    private static String shown(List<String> items) {
        String head = String.join(", ", items.subList(0, Math.min(SHOWN, items.size())));
        return items.size() > SHOWN ? head + ", ..." : head;
    }
}
