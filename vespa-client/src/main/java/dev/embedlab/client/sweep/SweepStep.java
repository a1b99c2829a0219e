package dev.embedlab.client.sweep;

/**
 * One step of a sweep plan. {@link #describe()} is the shell command (or action) a person would run for it, so a
 * dry run prints a plan that can also be followed by hand; {@link #preparesOnly()} steps only write into the
 * output directory and also run in a dry run.
 */
public interface SweepStep {

    String describe();

    void run(SweepContext context) throws Exception;

    default boolean preparesOnly() {
        return false;
    }
}
