package dev.embedlab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The `embedlab` command: one subcommand per tool. */
@Command(name = "embedlab",
         mixinStandardHelpOptions = true,
         versionProvider = VersionCommand.Provider.class,
         description = "Fast, measured embedding retrieval on Vespa.",
         subcommands = {
                 VersionCommand.class,
                 dev.embedlab.client.feed.FeedCommand.class,
                 dev.embedlab.lab.LabCommand.class,
                 dev.embedlab.lab.distill.DistillCommand.class,
                 dev.embedlab.lab.align.AlignCommand.class,
                 dev.embedlab.client.evaluate.EvaluateCommand.class,
                 dev.embedlab.client.fbench.FbenchCommand.class,
                 dev.embedlab.client.sweep.SweepCommand.class,
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
