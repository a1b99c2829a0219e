package dev.embedlab.client.feed;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The count check's rule and patience, with scripted counts. */
class CountCheckTest {

    /** Answers the scripted counts in order (a null is a failed request), then repeats the last answer. */
    private static final class Script implements CountCheck.Counter {
        final List<Long> answers;
        final List<Duration> timeouts = new ArrayList<>();

        Script(Long... answers) {
            this.answers = new ArrayList<>(java.util.Arrays.asList(answers));
        }

        @Override
        public long count(Duration timeout) throws IOException {
            timeouts.add(timeout);
            Long answer = answers.size() > 1 ? answers.remove(0) : answers.get(0);
            if (answer == null) throw new IOException("HTTP 503 with a body that is not JSON: <html>");
            return answer;
        }
    }

    @Test
    void anEmptyIndexMustEndWithExactlyTheDocumentsFed() throws Exception {
        assertEquals(CountCheck.Outcome.AGREE, CountCheck.run(new Script(5L), 0, 5, Duration.ZERO, Duration.ofMillis(1)).outcome());
        assertEquals(CountCheck.Outcome.MISMATCH, CountCheck.run(new Script(6L), 0, 5, Duration.ZERO, Duration.ofMillis(1)).outcome());
        assertEquals(CountCheck.Outcome.MISMATCH, CountCheck.run(new Script(4L), -1, 5, Duration.ZERO, Duration.ofMillis(1)).outcome());
    }

    @Test
    void anIndexThatHeldDocumentsIsInconclusiveBetweenMaxAndSumAndAMismatchOutside() throws Exception {
        for (long held : new long[] {7, 8, 10, 12})
            assertEquals(CountCheck.Outcome.INCONCLUSIVE, CountCheck.run(new Script(held), 7, 5, Duration.ZERO, Duration.ofMillis(1)).outcome(),
                         "held " + held);
        for (long held : new long[] {6, 13}) {
            CountCheck check = CountCheck.run(new Script(held), 7, 5, Duration.ZERO, Duration.ofMillis(1));
            assertEquals(CountCheck.Outcome.MISMATCH, check.outcome(), "held " + held);
            assertFalse(check.passes());
        }
        assertTrue(CountCheck.run(new Script(12L), 7, 5, Duration.ZERO, Duration.ofMillis(1)).passes());
    }

    @Test
    void aFailedLaterAttemptKeepsTheLastCountRead() throws Exception {
        CountCheck check = CountCheck.run(new Script(3L, null), 0, 5, Duration.ofMillis(300), Duration.ofMillis(50));
        assertEquals(CountCheck.Outcome.MISMATCH, check.outcome(), check.toString());
        assertEquals(3, check.held());
    }

    @Test
    void noCountAtAllIsUnavailableWithTheReason() throws Exception {
        CountCheck check = CountCheck.run(new Script((Long) null), 0, 5, Duration.ofMillis(100), Duration.ofMillis(50));
        assertEquals(CountCheck.Outcome.UNAVAILABLE, check.outcome());
        assertTrue(check.summaryLine().contains("HTTP 503 with a body that is not JSON"), check.summaryLine());
    }

    @Test
    void eachRequestGetsAtMostThePatienceLeft() throws Exception {
        Script script = new Script(0L);
        CountCheck.run(script, 0, 5, Duration.ofSeconds(2), Duration.ofMillis(200));
        assertTrue(script.timeouts.size() >= 3, script.timeouts.toString());
        assertTrue(script.timeouts.get(0).compareTo(Duration.ofSeconds(2)) <= 0, script.timeouts.toString());
        assertTrue(script.timeouts.get(script.timeouts.size() - 1).compareTo(script.timeouts.get(0)) < 0, script.timeouts.toString());
    }

    @Test
    void theSweepsExplanationNamesNoOptionTheSweepLacks() throws Exception {
        CountCheck more = CountCheck.run(new Script(6L), -1, 5, Duration.ZERO, Duration.ofMillis(1));
        CountCheck fewer = CountCheck.run(new Script(4L), -1, 5, Duration.ZERO, Duration.ofMillis(1));
        CountCheck none = CountCheck.run(new Script((Long) null), -1, 5, Duration.ZERO, Duration.ofMillis(1));
        for (CountCheck check : List.of(more, fewer, none)) {
            String sweep = check.explanation("q", 0, CountCheck.Remedies.SWEEP);
            for (String option : List.of("--no-count-check", "--count-wait", "--count-endpoint"))
                assertFalse(sweep.contains(option), sweep);
        }
        assertTrue(more.explanation("q", 0, CountCheck.Remedies.FEED_COMMAND).contains("--no-count-check"));
        assertTrue(fewer.explanation("q", 0, CountCheck.Remedies.FEED_COMMAND).contains("--count-wait"));
        assertTrue(none.explanation("q", 0, CountCheck.Remedies.FEED_COMMAND).contains("--count-endpoint"));
    }
}
