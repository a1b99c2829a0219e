package dev.embedlab.lab;

import dev.embedlab.core.data.Passage;
import dev.embedlab.core.data.Qrels;
import dev.embedlab.core.data.Topic;

import java.util.List;

/**
 * What the lab evaluates on, after reading and checking the inputs.
 *
 * @param passages       the documents searched (the whole corpus, or the --max-docs subset)
 * @param topics         every usable query: all are embedded and timed
 * @param qrels          judgments scored against; for a subset, only judgments of documents in it
 * @param corpusLines    non-blank corpus lines read (passages + skipped + left out by --max-docs)
 * @param skippedLines   corpus lines that were not passages (malformed)
 * @param subset         whether --max-docs made this a subset (its NDCG is not comparable with the full corpus)
 * @param warnings       every input problem found, one line each, also printed with the report
 */
public record LabData(List<Passage> passages, List<Topic> topics, Qrels qrels, long corpusLines, int skippedLines,
                      boolean subset, List<String> warnings) {

    public LabData {
        passages = List.copyOf(passages);
        topics = List.copyOf(topics);
        warnings = List.copyOf(warnings);
    }

    /** Title and text joined as the schema's indexing statement does: {@code input title . " " . input text}. */
    public static String documentText(Passage p) {
        return p.title() + " " + p.text();
    }
}
