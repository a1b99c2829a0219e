package dev.embedlab.vespa.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs scripts/fetch-models.sh and reads the download plan its --dry-run prints. */
public final class FetchModelsScript {

    /** What the script runs: {@code + curl --fail --location -o <target> <url>}, both words quoted by printf %q. */
    private static final String CURL = "+ curl --fail --location -o ";
    /** What it checks next: {@code + sha256 <name> == <sha256>} (name quoted by %q), or a note that none is on record. */
    private static final String SHA256 = "+ sha256 ";

    private FetchModelsScript() { }

    public static Path path() {
        return ApplicationPackages.projectRoot().resolve("scripts/fetch-models.sh");
    }

    public record Run(int exit, String output) { }

    /** One file of the plan: where it comes from, where it goes, its name in the checksums file, the sha256 on record. */
    public record Download(String url, Path target, String name, String expectedSha256) {
        public boolean verified() { return expectedSha256.matches("[0-9a-f]{64}"); }
    }

    public static Run run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", path().toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if ( ! process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("fetch-models.sh did not finish in 60 s; output so far:\n" + output);
        }
        return new Run(process.exitValue(), output);
    }

    /** The plan of a dry run with these extra arguments; fails with the output when it is not one curl + sha256 pair per file. */
    public static List<Download> plan(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("--dry-run"));
        command.addAll(List.of(arguments));
        Run run = run(command.toArray(String[]::new));
        if (run.exit() != 0) throw new IllegalStateException("fetch-models.sh --dry-run failed:\n" + run.output());
        List<String> lines = run.output().lines().toList();
        List<Download> downloads = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if ( ! lines.get(i).startsWith(CURL)) continue;
            List<String> curl = ShellWords.split(lines.get(i).substring(CURL.length()));
            List<String> sha256 = i + 1 < lines.size() && lines.get(i + 1).startsWith(SHA256)
                                  ? ShellWords.split(lines.get(i + 1).substring(SHA256.length())) : List.of();
            if (curl.size() != 2 || sha256.size() < 3 || ! sha256.get(1).equals("=="))
                throw new IllegalStateException("not a '+ curl' line with target and url followed by a '+ sha256 <name> == ...' line at '"
                                                + lines.get(i) + "' in:\n" + run.output());
            String expected = String.join(" ", sha256.subList(2, sha256.size()));
            downloads.add(new Download(curl.get(1), Path.of(curl.get(0)), sha256.get(0), expected));
        }
        if (downloads.isEmpty()) throw new IllegalStateException("no downloads in the dry run:\n" + run.output());
        return downloads;
    }
}
