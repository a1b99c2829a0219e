package dev.embedlab.staticembed.tokenizer;

import java.nio.file.Path;
import java.util.List;

/**
 * A rough speed check, not a benchmark and not a test: {@code java -cp ... TokenizerSpeedCheck <tokenizer.json>
 * <topics.tsv>...} encodes each topics file's texts in a loop for a few seconds and prints ns per text, by
 * wall clock and by this thread's CPU time (steadier on a shared machine). The JMH module measures properly.
 */
public final class TokenizerSpeedCheck {

    public static void main(String[] args) throws Exception {
        long loadStart = System.nanoTime();
        Tokenizer tokenizer = Tokenizers.fromTokenizerJson(Path.of(args[0]));
        System.out.printf("loaded %s in %.0f ms%n", tokenizer, (System.nanoTime() - loadStart) / 1e6);
        for (int a = 1; a < args.length; a++) {
            List<String> texts = java.nio.file.Files.readAllLines(Path.of(args[a])).stream()
                    .map(row -> row.substring(row.indexOf('\t') + 1)).toList();
            run(tokenizer, args[a], texts);
        }
        run(tokenizer, "ascii-8-words", List.of("how do i reset my password on the website",
                "what is the capital city of nigeria", "best way to learn java programming fast"));
    }

    private static void run(Tokenizer tokenizer, String name, List<String> texts) {
        TokenIds out = new TokenIds();
        String[] array = texts.toArray(String[]::new);
        long sink = 0;
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 5; round++) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            long count = 0;
            long chars = 0;
            while (System.nanoTime() - start < 1_000_000_000L) {
                for (String text : array) {
                    out.clear();
                    tokenizer.encode(text, out);
                    sink += out.size();
                    chars += text.length();
                }
                count += array.length;
            }
            long elapsed = System.nanoTime() - start;
            long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
            System.out.printf("%s round %d: %.0f ns/text wall, %.0f ns/text cpu, %.1f chars/text, %.2f M texts/s (cpu)%n",
                    name, round, (double) elapsed / count, (double) cpu / count, (double) chars / count, count * 1e3 / cpu);
        }
        if (sink == 42) System.out.println();
    }
}
