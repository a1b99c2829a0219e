package dev.embedlab.testsupport;

import uk.ac.gla.terrier.jtreceval.trec_eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real trec_eval 9.0.4 (the binary that jtreceval packages on Maven Central), run on files, with its
 * per-query output ({@code -q}) parsed into measure -> query id -> value. Query id "all" holds the mean.
 */
public final class TrecEval {

    /** trec_eval prints four decimals. */
    public static final double PRINTED_PRECISION = 0.5e-4 + 1e-12;

    private TrecEval() {
    }

    public static Map<String, Map<String, Double>> run(Path qrels, Path run, String... options) {
        if (!trec_eval.isPlatformSupported()) {
            TestData.unavailable("jtreceval has no trec_eval binary for " + System.getProperty("os.name") + "/"
                    + System.getProperty("os.arch") + ": the comparison with the real trec_eval cannot run here");
        }
        List<String> args = new ArrayList<>(List.of("-q"));
        args.addAll(List.of(options));
        args.add(qrels.toString());
        args.add(run.toString());
        trec_eval binary = new trec_eval();
        String[][] lines = binary.runAndGetOutput(args.toArray(String[]::new)); // throws on a non-zero exit
        Map<String, Map<String, Double>> byMeasure = new HashMap<>();
        for (String[] line : lines) {
            if (line.length != 3 || line[0].equals("runid")) continue;
            byMeasure.computeIfAbsent(line[0], m -> new HashMap<>()).put(line[1], Double.parseDouble(line[2]));
        }
        return byMeasure;
    }
}
