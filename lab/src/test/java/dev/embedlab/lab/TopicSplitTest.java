package dev.embedlab.lab;

import dev.embedlab.core.data.Topic;
import dev.embedlab.core.metrics.Run;
import dev.embedlab.core.metrics.RunEntry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TopicSplitTest {

    @Test
    void numericQidsAreSortedAsNumbersAndAlternate() {
        List<Topic> topics = List.of(new Topic("10", "a"), new Topic("2", "b"), new Topic("1", "c"), new Topic("33", "d"),
                                     new Topic("4", "e"));
        TopicSplit split = TopicSplit.byQidParity(topics);
        // Sorted: 1, 2, 4, 10, 33 (as text "10" would come before "2").
        assertEquals(Set.of("1", "4", "33"), split.tuning());
        assertEquals(Set.of("2", "10"), split.heldOut());
    }

    @Test
    void otherQidsAreSortedAsText() {
        TopicSplit split = TopicSplit.byQidParity(List.of(new Topic("q-b", "x"), new Topic("q-a", "y"), new Topic("q-c", "z")));
        assertEquals(Set.of("q-a", "q-c"), split.tuning());
        assertEquals(Set.of("q-b"), split.heldOut());
    }

    @Test
    void restrictKeepsOnlyTheGivenTopics() {
        Run run = new Run("t", Map.of("1", List.of(new RunEntry("d1", 1, 1f)), "2", List.of(new RunEntry("d2", 1, 1f))));
        assertEquals(Set.of("2"), TopicSplit.restrict(run, Set.of("2", "3")).queryIds());
    }
}
