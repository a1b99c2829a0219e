package dev.embedlab.client.sweep;

import java.io.PrintStream;

/** Prints a plan, or runs it step by step, stopping at the first failing step with what it was doing. */
public final class SweepRunner {

    private SweepRunner() {
    }

    /** Numbered plan: what each step does and the command that does it. */
    public static void print(SweepPlan plan, SweepContext context, PrintStream out) {
        out.println("# " + plan.title());
        out.println("# endpoint " + context.endpoint() + ", config server " + context.configServer()
                + (context.container() != null ? ", container " + context.container() : "") + ", output " + context.outDir());
        int i = 1;
        for (SweepStep step : plan.steps()) {
            out.printf("%2d. %s%n    %s%n", i++, step.describe(), SweepSteps.commandOf(step, context));
        }
        out.println("# " + plan.rows().size() + " table rows: " + String.join(", ",
                plan.rows().stream().map(SweepRow::label).toList()));
    }

    /** Runs only the steps that prepare files (application copies), for a dry run. */
    public static void prepare(SweepPlan plan, SweepContext context) throws Exception {
        for (SweepStep step : plan.steps()) {
            if (step.preparesOnly()) step.run(context);
        }
    }

    public static void run(SweepPlan plan, SweepContext context) throws Exception {
        int i = 1;
        for (SweepStep step : plan.steps()) {
            context.results().log.printf("sweep: step %d/%d: %s%n", i, plan.steps().size(), step.describe());
            try {
                step.run(context);
            } catch (Exception e) {
                int total = plan.steps().size();
                throw new SweepFailedException("step " + i + "/" + total + " (" + step.describe() + ") failed: "
                        + e.getMessage() + (i < total ? "; steps " + (i + 1) + "-" + total + " not run" : ""), e);
            }
            i++;
        }
    }

    /** A sweep stopped; the message names the step. */
    public static final class SweepFailedException extends Exception {
        private static final long serialVersionUID = 1L;

        SweepFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
