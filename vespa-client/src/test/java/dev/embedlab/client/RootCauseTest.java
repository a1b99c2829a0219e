package dev.embedlab.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RootCauseTest {

    @Test
    void theInnermostCauseWithAMessage() {
        IOException e = new IOException("outer", new IllegalStateException("inner", new RuntimeException()));
        assertEquals("IllegalStateException: inner", RootCause.of(e));
    }

    /** Causes can form a cycle longer than one (initCause on an exception up the chain): the walk must end. */
    @Test
    @Timeout(5)
    void aCauseCycleEnds() {
        IOException a = new IOException("a");
        IllegalStateException b = new IllegalStateException("b", a);
        a.initCause(b);
        assertEquals("IllegalStateException: b", RootCause.of(a));
    }
}
