package dev.embedlab.lab.align;

import dev.embedlab.testsupport.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad options stop before any model is loaded, with a message naming the option and the value. */
class AlignCommandTest {

    @TempDir
    Path dir;

    private String run(int expectedExit, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AlignCommand command = new AlignCommand();
        command.log = new PrintStream(err, true, StandardCharsets.UTF_8);
        CommandLine cli = new CommandLine(CommandLine.Model.CommandSpec.create()).addSubcommand(command);
        String[] all = new String[args.length + 1];
        all[0] = "align";
        System.arraycopy(args, 0, all, 1, args.length);
        assertEquals(expectedExit, cli.execute(all), err.toString(StandardCharsets.UTF_8));
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void unknownPseudoQueryKind() {
        String message = run(2, "--pseudo-queries", "title,question", "--root", dir.toString());
        assertTrue(message.contains("--pseudo-queries: unknown kind 'question' (title, sentence, span)"), message);
    }

    @Test
    void heldOutShareOutOfRange() {
        String message = run(2, "--held-out", "0.7", "--root", dir.toString());
        assertTrue(message.contains("--held-out must be in (0, 0.5), got 0.7"), message);
    }

    @Test
    void unknownStart() {
        String message = run(2, "--start", "bogus", "--root", dir.toString());
        assertTrue(message.contains("--start must be query-space or random, got 'bogus'"), message);
    }

    @Test
    void aMissingCorpusIsNamed() {
        Path missing = dir.resolve("nothing.jsonl");
        String message = run(2, "--corpus", missing.toString(), "--root", dir.toString(),
                "--services", TestData.root().resolve("app/src/main/application/services.xml").toString());
        assertTrue(message.contains(missing + ": corpus not found"), message);
    }
}
