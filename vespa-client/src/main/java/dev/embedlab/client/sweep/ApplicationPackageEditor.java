package dev.embedlab.client.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * Copies an application package and edits the copy: HNSW index parameters of one tensor field in a schema, or
 * the content node's {@code requestthreads/persearch}. The source package is never written. services.xml is
 * edited through the XML DOM ({@link ServicesXml}), the schema through its block structure ({@link HnswSettings});
 * both are strict: when the expected setting is not where it should be, the error names the file and what to add.
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
        Path sd = schemaFile(application, schema);
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
        String edited = HnswSettings.set(sd, field, HnswSettings.MAX_LINKS_PER_NODE, maxLinks, where);
        return HnswSettings.set(edited, field, HnswSettings.NEIGHBORS_TO_EXPLORE_AT_INSERT, neighbors, where);
    }

    /** The current {max-links-per-node, neighbors-to-explore-at-insert} of a field, -1 where not set. */
    public static int[] readHnsw(Path application, String schema, String field) throws IOException {
        Path sd = schemaFile(application, schema);
        String text = Files.readString(sd, StandardCharsets.UTF_8);
        return new int[] {HnswSettings.read(text, field, HnswSettings.MAX_LINKS_PER_NODE, sd.toString()),
                HnswSettings.read(text, field, HnswSettings.NEIGHBORS_TO_EXPLORE_AT_INSERT, sd.toString())};
    }

    static String rewritePersearch(String services, int threads, String where) throws IOException {
        return ServicesXml.setPersearch(services, threads, where);
    }

    private static Path schemaFile(Path application, String schema) {
        return application.resolve("schemas").resolve(schema + ".sd");
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
