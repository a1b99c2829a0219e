package dev.embedlab.client;

import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Runs a command as the `embedlab` command line would, with everything it prints captured. */
public final class CommandRun {

    /** The exit code and what the command wrote to its stdout and stderr. */
    public record Outcome(int exit, String out, String err) {
    }

    /** Points the command's own streams at the captures; gets the command line, whose subcommands picocli built. */
    @FunctionalInterface
    public interface Wiring {
        void wire(CommandLine commandLine, PrintStream out, PrintStream err);
    }

    private CommandRun() {
    }

    /** Runs {@code command} as a subcommand: {@code args} are what follows its name. */
    public static Outcome run(Object command, Wiring wiring, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine commandLine = new CommandLine(CommandLine.Model.CommandSpec.create()).addSubcommand(command);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        wiring.wire(commandLine, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        List<String> all = new ArrayList<>(commandLine.getSubcommands().keySet());
        all.addAll(List.of(args));
        int exit = commandLine.execute(all.toArray(String[]::new));
        return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
