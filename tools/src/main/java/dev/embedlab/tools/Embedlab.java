package dev.embedlab.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The `embedlab` command: one subcommand per tool. */
@Command(name = "embedlab",
         mixinStandardHelpOptions = true,
         versionProvider = VersionCommand.Provider.class,
         description = "Fast, measured embedding retrieval on Vespa.",
         subcommands = {
                 VersionCommand.class,
                 dev.embedlab.tools.feed.FeedCommand.class,
                 dev.embedlab.tools.lab.LabCommand.class,
                 dev.embedlab.tools.distill.DistillCommand.class,
                 dev.embedlab.tools.evaluate.EvaluateCommand.class,
                 dev.embedlab.tools.fbench.FbenchCommand.class,
                 dev.embedlab.tools.sweep.SweepCommand.class,
                 CommandLine.HelpCommand.class
         })
public final class Embedlab implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static CommandLine commandLine() {
        return new CommandLine(new Embedlab());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
