package dev.embedlab.client.fakevespa;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Tests that each talk to their own {@link FakeVespa}: started before every test, closed after it. */
public abstract class WithFakeVespa {

    protected FakeVespa vespa;

    @BeforeEach
    protected void startFakeVespa() throws Exception {
        vespa = new FakeVespa();
    }

    @AfterEach
    protected void stopFakeVespa() throws Exception {
        vespa.close();
    }
}
