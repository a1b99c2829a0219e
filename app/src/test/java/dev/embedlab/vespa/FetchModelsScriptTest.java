package dev.embedlab.vespa;

import dev.embedlab.vespa.testing.FetchModelsScript;
import dev.embedlab.vespa.testing.FetchModelsScript.Download;
import dev.embedlab.vespa.testing.FetchModelsScript.Run;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * scripts/fetch-models.sh verifies what it downloads. Hugging Face is out of reach here, so a file:// mirror with the
 * same layout stands in for it (--base-url), holding small files: with the shipped checksums they are exactly the
 * "wrong file" case; with a checksums file the test writes, the verified and unverified cases.
 */
class FetchModelsScriptTest {

    @TempDir
    Path tmp;
    private Path mirror;
    private Path out;
    private List<Download> plan;

    @BeforeEach
    void mirrorEveryPlannedFile() throws Exception {
        // Spaces in both paths: the dry run's printf %q quoting and the script's own quoting are both exercised.
        mirror = tmp.resolve("mirror dir");
        out = tmp.resolve("my models");
        plan = FetchModelsScript.plan("--base-url", baseUrl(), "--out", out.toString());
        for (Download download : plan) {
            Path source = Path.of(URI.create(download.url()));
            assertTrue(source.startsWith(mirror), download.url() + " is not under the mirror");
            Files.createDirectories(source.getParent());
            Files.writeString(source, "stand-in for " + download.name() + "\n");
        }
    }

    @Test
    void everyDownloadThatIsNotThePinnedFileIsDeletedAndNamedWithBothHashes() throws Exception {
        Run run = fetch();
        assertEquals(1, run.exit(), run.output());
        for (Download download : plan) {
            assertTrue(download.verified(), "the shipped checksums pin " + download.name());
            assertTrue(run.output().contains(download.name() + ": sha256 mismatch: expected " + download.expectedSha256()
                                             + ", got " + sha256(Path.of(URI.create(download.url())))), run.output());
            assertFalse(Files.exists(download.target()), "the bad download must not be kept");
            assertFalse(Files.exists(Path.of(download.target() + ".part")), "nor its partial file");
        }
        assertTrue(run.output().contains(plan.size() + " of " + plan.size() + " file(s) failed"), run.output());
        assertFalse(run.output().contains("done:"), run.output());
    }

    @Test
    void filesMatchingTheChecksumsAreKeptAndVerifiedAgainOnTheNextRun() throws Exception {
        Path checksums = writeChecksums(plan);
        Run run = fetch("--checksums", checksums.toString());
        assertEquals(0, run.exit(), run.output());
        for (Download download : plan) {
            assertEquals(Files.readString(Path.of(URI.create(download.url()))), Files.readString(download.target()));
            assertTrue(run.output().contains("ok       " + download.name() + " (sha256 verified)"), run.output());
        }
        Run again = fetch("--checksums", checksums.toString());
        assertEquals(0, again.exit(), again.output());
        assertEquals(plan.size(), again.output().lines().filter(line -> line.contains("(already there, sha256 verified)")).count(),
                     again.output());
    }

    @Test
    void aFileThatIsAlreadyThereButDiffersIsReportedAndLeftAloneWhileTheOthersAreFetched() throws Exception {
        Path checksums = writeChecksums(plan);
        Download first = plan.get(0);  // where the header's export recipe writes its int8 model
        Files.createDirectories(first.target().getParent());
        Files.writeString(first.target(), "your own export\n");
        Run run = fetch("--checksums", checksums.toString());
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains(first.target() + " is already there but is not the pinned file"), run.output());
        assertTrue(run.output().contains("expected sha256 " + sha256(Path.of(URI.create(first.url())))), run.output());
        assertTrue(run.output().contains("got " + sha256(first.target())), run.output());
        assertEquals("your own export\n", Files.readString(first.target()), "a file the script did not download is never deleted");
        for (Download other : plan.subList(1, plan.size())) {
            assertTrue(run.output().contains("ok       " + other.name() + " (sha256 verified)"), run.output());
            assertEquals(Files.readString(Path.of(URI.create(other.url()))), Files.readString(other.target()));
        }
        assertTrue(run.output().contains("1 of " + plan.size() + " file(s) failed"), run.output());
    }

    @Test
    void aFailedDownloadLeavesNoPartialFileAndTheOthersAreFetched() throws Exception {
        Path checksums = writeChecksums(plan);
        Download missing = plan.get(1);
        Files.delete(Path.of(URI.create(missing.url())));
        Path partial = Path.of(missing.target() + ".part");
        Files.createDirectories(partial.getParent());
        Files.writeString(partial, "left by an interrupted run\n");
        Run run = fetch("--checksums", checksums.toString());
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains(missing.name() + ": download from " + missing.url() + " failed"), run.output());
        assertFalse(Files.exists(partial), "a failed download leaves no partial file");
        assertFalse(Files.exists(missing.target()));
        assertEquals(plan.size() - 1, run.output().lines().filter(line -> line.endsWith("(sha256 verified)")).count(), run.output());
        assertTrue(run.output().contains("1 of " + plan.size() + " file(s) failed"), run.output());
    }

    @Test
    void aFileWithoutAChecksumIsReportedUnverifiedAndOnlyADownloadOfThisRunIsRecorded() throws Exception {
        Download unlisted = plan.get(plan.size() - 1);
        Path checksums = writeChecksums(plan.subList(0, plan.size() - 1));
        String before = Files.readString(checksums);
        String actual = sha256(Path.of(URI.create(unlisted.url())));

        Run run = fetch("--checksums", checksums.toString());
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("UNVERIFIED " + unlisted.name() + ":"), run.output());
        assertTrue(run.output().contains("it has sha256 " + actual), run.output());
        assertTrue(run.output().contains("1 file(s) in " + out + " are UNVERIFIED"), run.output());
        assertEquals(before, Files.readString(checksums), "without --record the checksums file is not touched");

        Run refused = fetch("--checksums", checksums.toString(), "--record");
        assertEquals(1, refused.exit(), refused.output());
        assertTrue(refused.output().contains("not recording " + unlisted.name() + ": it was already in " + out + " before this run"),
                   refused.output());
        assertEquals(before, Files.readString(checksums), "a file this run did not download is never recorded");

        Files.delete(unlisted.target());
        Run record = fetch("--checksums", checksums.toString(), "--record");
        assertEquals(0, record.exit(), record.output());
        assertTrue(Files.readString(checksums).endsWith(actual + "  " + unlisted.name() + "\n"), Files.readString(checksums));

        Run verified = fetch("--checksums", checksums.toString());
        assertEquals(0, verified.exit(), verified.output());
        assertFalse(verified.output().contains("UNVERIFIED"), verified.output());
        assertTrue(verified.output().contains("ok       " + unlisted.name() + " (already there, sha256 verified)"), verified.output());
    }

    @Test
    void aChecksumsFileWithWindowsLineEndsIsRead() throws Exception {
        Path checksums = writeChecksums(plan);
        Files.writeString(checksums, Files.readString(checksums).replace("\n", "\r\n"));
        Run run = fetch("--checksums", checksums.toString());
        assertEquals(0, run.exit(), run.output());
        assertEquals(plan.size(), run.output().lines().filter(line -> line.endsWith("(sha256 verified)")).count(), run.output());
    }

    @Test
    void aMalformedChecksumLineIsAnErrorNamingTheLine() throws Exception {
        Path checksums = tmp.resolve("bad.sha256");
        Files.writeString(checksums, "# a comment\nnot-a-hash  " + plan.get(0).name() + "\n");
        Run run = fetch("--checksums", checksums.toString());
        assertNotEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains(checksums + " line 2: \"not-a-hash\" is not a sha256"), run.output());
        assertFalse(Files.exists(plan.get(0).target()));
    }

    @Test
    void dryRunDownloadsNothingAndEveryShippedFileHasAChecksum() throws Exception {
        List<Path> mirrored = listing(mirror);
        List<Download> again = FetchModelsScript.plan("--base-url", baseUrl(), "--out", out.toString());
        assertEquals(plan, again);
        for (Download download : plan) {
            assertTrue(download.verified(), download.name() + " has no sha256 in scripts/model-checksums.sha256");
            assertTrue(download.target().startsWith(out), download.target() + " is not under " + out + " (quoting lost?)");
        }
        assertFalse(Files.exists(out), "a dry run creates nothing under --out");
        assertEquals(mirrored, listing(mirror), "a dry run changes nothing in the mirror");
        assertEquals(plan.size(), plan.stream().map(Download::name).distinct().count(), "two downloads share a name");
    }

    @Test
    void helpAndBadArguments() throws Exception {
        Run help = FetchModelsScript.run("--help");
        assertEquals(0, help.exit(), help.output());
        assertTrue(help.output().contains("Usage: scripts/fetch-models.sh [--dry-run] [--record]"), help.output());
        assertFalse(help.output().contains("set -euo pipefail"), "help stops at the end of the header comment");
        Run bogus = FetchModelsScript.run("--bogus");
        assertEquals(2, bogus.exit());
        assertTrue(bogus.output().contains("unknown argument '--bogus'"), bogus.output());
        Run noChecksums = FetchModelsScript.run("--dry-run", "--checksums", tmp.resolve("missing").toString());
        assertEquals(2, noChecksums.exit());
        assertTrue(noChecksums.output().contains("no checksums file"), noChecksums.output());
    }

    /** The mirror as a URL without the trailing slash, as the script appends "/<repo>/resolve/...". */
    private String baseUrl() {
        return mirror.toUri().toString().replaceAll("/$", "");
    }

    private Run fetch(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("--base-url", baseUrl(), "--out", out.toString()));
        command.addAll(List.of(arguments));
        return FetchModelsScript.run(command.toArray(String[]::new));
    }

    private static List<Path> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.sorted().toList();
        }
    }

    /** A checksums file in `sha256sum -c` form for these mirrored files. */
    private Path writeChecksums(List<Download> downloads) throws IOException {
        Path checksums = tmp.resolve("checksums.sha256");
        String lines = downloads.stream()
                .map(download -> sha256(Path.of(URI.create(download.url()))) + "  " + download.name() + "\n")
                .collect(Collectors.joining("", "# written by the test\n", ""));
        Files.writeString(checksums, lines, StandardCharsets.UTF_8);
        return checksums;
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
