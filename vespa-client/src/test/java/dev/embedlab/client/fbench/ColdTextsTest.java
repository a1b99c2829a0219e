package dev.embedlab.client.fbench;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ColdTextsTest {

    /** Runs started in the same second (a ramp and a sweep, two shells) must not send each other's texts. */
    @Test
    void generatorsStartedTogetherNeverShareAText() {
        Set<String> texts = new HashSet<>();
        for (int run = 0; run < 50; run++) {
            ColdTexts cold = ColdTexts.forThisRun();
            for (int i = 0; i < 3; i++) texts.add(cold.next("topic"));
        }
        assertEquals(150, texts.size());
    }

    @Test
    void aGivenRunIdNumbersItsTexts() {
        ColdTexts cold = new ColdTexts("r1");
        assertEquals("a r1-1", cold.next("a"));
        assertEquals("a r1-2", cold.next("a"));
        assertThrows(IllegalArgumentException.class, () -> new ColdTexts("two words"));
    }
}
