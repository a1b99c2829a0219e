package dev.embedlab.client.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Copies an application package and edits the copy: HNSW index parameters of one tensor field in a schema, or
 * the content node's {@code requestthreads/persearch}. The source package is never written. Edits are textual
 * and strict: when the expected setting is not where it should be, the error says what to add.
 */
public final class ApplicationPackageEditor {

    private ApplicationPackageEditor() {
    }

    /** Copies {@code source} (recursively) to {@code target}, replacing an earlier copy. */
    public static void copy(Path source, Path target) throws IOException {
        if (!Files.isRegularFile(source.resolve("services.xml"))) {
            throw new IOException(source + " is not an application package (no services.xml)");
        }
        if (target.toAbsolutePath().normalize().startsWith(source.toAbsolutePath().normalize())) {
            throw new IOException("the copy " + target + " must not be inside the source package " + source);
        }
        deleteRecursively(target);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path to = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) Files.createDirectories(to);
                else Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Sets max-links-per-node and neighbors-to-explore-at-insert of {@code field} in {@code schemas/<schema>.sd}. */
    public static void setHnsw(Path application, String schema, String field, int maxLinksPerNode,
                               int neighborsToExploreAtInsert) throws IOException {
        Path sd = application.resolve("schemas").resolve(schema + ".sd");
        String text = Files.readString(sd, StandardCharsets.UTF_8);
        Files.writeString(sd, rewriteHnsw(text, field, maxLinksPerNode, neighborsToExploreAtInsert, sd.toString()),
                StandardCharsets.UTF_8);
    }

    /** Sets {@code <persearch>} of the content cluster(s) in services.xml. */
    public static void setPersearch(Path application, int threads) throws IOException {
        Path services = application.resolve("services.xml");
        String text = Files.readString(services, StandardCharsets.UTF_8);
        Files.writeString(services, rewritePersearch(text, threads, services.toString()), StandardCharsets.UTF_8);
    }

    static String rewriteHnsw(String sd, String field, int maxLinks, int neighbors, String where) throws IOException {
        Matcher start = Pattern.compile("(?m)^\\s*field\\s+" + Pattern.quote(field) + "\\s+type\\s").matcher(sd);
        if (!start.find()) throw new IOException(where + ": no field '" + field + "'");
        int open = sd.indexOf('{', start.end());
        int close = matchingBrace(sd, open, where);
        String body = sd.substring(open, close + 1);
        Matcher hnsw = Pattern.compile("\\bhnsw\\s*\\{").matcher(body);
        if (!hnsw.find()) {
            throw new IOException(where + ": field '" + field + "' has no 'index { hnsw { ... } }' block to tune; add one");
        }
        int hnswOpen = hnsw.end() - 1;
        int hnswClose = matchingBrace(body, hnswOpen, where);
        String block = body.substring(hnswOpen, hnswClose + 1);
        block = setting(block, "max-links-per-node", maxLinks);
        block = setting(block, "neighbors-to-explore-at-insert", neighbors);
        String newBody = body.substring(0, hnswOpen) + block + body.substring(hnswClose + 1);
        return sd.substring(0, open) + newBody + sd.substring(close + 1);
    }

    /** The current {max-links-per-node, neighbors-to-explore-at-insert} of a field, -1 where not set. */
    public static int[] readHnsw(Path application, String schema, String field) throws IOException {
        Path sd = application.resolve("schemas").resolve(schema + ".sd");
        String text = Files.readString(sd, StandardCharsets.UTF_8);
        Matcher start = Pattern.compile("(?m)^\\s*field\\s+" + Pattern.quote(field) + "\\s+type\\s").matcher(text);
        if (!start.find()) throw new IOException(sd + ": no field '" + field + "'");
        int open = text.indexOf('{', start.end());
        String body = text.substring(open, matchingBrace(text, open, sd.toString()) + 1);
        return new int[] {value(body, "max-links-per-node"), value(body, "neighbors-to-explore-at-insert")};
    }

    private static int value(String block, String name) {
        Matcher m = Pattern.compile("(?m)^\\s*" + Pattern.quote(name) + "\\s*:\\s*(\\d+)").matcher(block);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    static String rewritePersearch(String services, int threads, String where) throws IOException {
        Matcher m = Pattern.compile("<persearch>\\s*\\d+\\s*</persearch>").matcher(services);
        if (!m.find()) {
            throw new IOException(where + ": no <persearch> element; add <requestthreads><persearch>N</persearch>"
                    + "</requestthreads> under content/engine/proton/tuning/searchnode");
        }
        return m.replaceAll("<persearch>" + threads + "</persearch>");
    }

    /** Replaces {@code name: value} inside an hnsw block, or adds it before the closing brace. */
    private static String setting(String block, String name, int value) {
        Matcher m = Pattern.compile("(?m)^(\\s*)" + Pattern.quote(name) + "\\s*:\\s*\\d+").matcher(block);
        if (m.find()) return block.substring(0, m.start()) + m.group(1) + name + ": " + value + block.substring(m.end());
        int last = block.lastIndexOf('}');
        return block.substring(0, last) + "    " + name + ": " + value + "\n" + block.substring(last);
    }

    private static int matchingBrace(String text, int open, String where) throws IOException {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '#') {
                int eol = text.indexOf('\n', i);
                if (eol < 0) break;
                i = eol;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IOException(where + ": unbalanced braces");
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted((a, b) -> b.getNameCount() - a.getNameCount())::iterator) {
                Files.delete(p);
            }
        }
    }
}
