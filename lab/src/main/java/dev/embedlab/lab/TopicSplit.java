package dev.embedlab.lab;

import dev.embedlab.core.data.Topic;
import dev.embedlab.core.metrics.Run;
import dev.embedlab.core.metrics.RunEntry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The topics split in two halves, so a setting can be chosen on one and reported on the other: sorted by qid
 * (numerically when every qid is a number), the topics at even positions (0, 2, 4, ...) are the tuning half and
 * those at odd positions the held-out half. Fixed by the qids alone: the same topics always fall on the same side.
 */
public final class TopicSplit {

    private final Set<String> tuning;
    private final Set<String> heldOut;

    private TopicSplit(Set<String> tuning, Set<String> heldOut) {
        this.tuning = tuning;
        this.heldOut = heldOut;
    }

    public static TopicSplit byQidParity(List<Topic> topics) {
        List<String> qids = new ArrayList<>(topics.stream().map(Topic::qid).distinct().toList());
        boolean numeric = qids.stream().allMatch(q -> q.matches("[0-9]+"));
        Comparator<String> order = numeric
                ? Comparator.comparing((String q) -> q.replaceFirst("^0+(?=.)", "").length())
                            .thenComparing(q -> q.replaceFirst("^0+(?=.)", ""))
                : Comparator.naturalOrder();
        qids.sort(order);
        Set<String> tuning = new TreeSet<>();
        Set<String> heldOut = new TreeSet<>();
        for (int i = 0; i < qids.size(); i++) (i % 2 == 0 ? tuning : heldOut).add(qids.get(i));
        return new TopicSplit(Set.copyOf(tuning), Set.copyOf(heldOut));
    }

    public Set<String> tuning() { return tuning; }

    public Set<String> heldOut() { return heldOut; }

    /** The run with only the given topics' results. */
    public static Run restrict(Run run, Set<String> qids) {
        Map<String, List<RunEntry>> kept = new LinkedHashMap<>();
        run.results().forEach((qid, entries) -> { if (qids.contains(qid)) kept.put(qid, entries); });
        return new Run(run.tag(), kept);
    }
}
