package dev.embedlab.vespa.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.yahoo.component.annotation.Inject;
import com.yahoo.component.chain.dependencies.After;
import com.yahoo.component.chain.dependencies.Before;
import com.yahoo.component.provider.ComponentRegistry;
import com.yahoo.language.process.Embedder;
import com.yahoo.prelude.query.NearestNeighborItem;
import com.yahoo.search.Query;
import com.yahoo.search.Result;
import com.yahoo.search.Searcher;
import com.yahoo.search.result.ErrorMessage;
import com.yahoo.search.result.Hit;
import com.yahoo.search.searchchain.Execution;
import com.yahoo.search.searchchain.PhaseNames;
import com.yahoo.tensor.Tensor;
import com.yahoo.tensor.TensorType;
import dev.embedlab.vespa.QueryVectorGuardSearcher;
import org.w3c.dom.Element;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Test-only: stands in for the content node (the standalone container has none) at the end of a chain, doing
 * what the {@code passage} schema's {@code e5} and {@code e5_fast} rank profiles do with an exact {@code nearestNeighbor} over
 * {@code e5_embedding}, on a small in-memory corpus.
 *
 * <p>Documents are embedded at construction by the container's own {@code e5} component with the destination
 * {@code passage.e5_embedding}, as the schema's {@code embed e5} indexing statement does (so the embedder adds its
 * document prefix), from {@code title + " " + text}. A query is answered from the query tensor the item names
 * (set by the cache searcher earlier in the chain): relevance is the dot product, which is what
 * {@code 1 - distance(field, e5_embedding)} is for {@code prenormalized-angular}; the best {@code targetHits}
 * match, and the page {@code offset..offset+hits} of them is returned with the {@code doc_id} summary field.
 * Exact search always: HNSW is not simulated. Anything it cannot answer faithfully is a 400, never a guess.
 *
 * <p>The corpus is a JSONL file of {@code {"doc_id","title","text"}} named by the system property
 * {@link #CORPUS_PROPERTY}.
 */
@After({ PhaseNames.TRANSFORMED_QUERY, QueryVectorGuardSearcher.PROVIDED })
@Before(PhaseNames.BLENDED_RESULT)
public class ExactNearestNeighborSearcher extends Searcher {

    public static final String CORPUS_PROPERTY = "embedlab.test.exact-nn.corpus";
    public static final String EMBEDDER = "e5";
    public static final String FIELD = "e5_embedding";
    /** e5, and e5_fast: the aligned static query encoder's vectors against the same e5 documents. */
    public static final java.util.Set<String> RANK_PROFILES = java.util.Set.of("e5", "e5_fast");
    public static final String DESTINATION = "passage." + FIELD;
    public static final TensorType TYPE = TensorType.fromSpec("tensor<float>(x[384])");

    private record Document(String docId, float[] vector) { }
    private record Scored(String docId, double relevance) { }

    private final List<Document> documents;

    @Inject
    public ExactNearestNeighborSearcher(ComponentRegistry<Embedder> embedders) {
        Embedder e5 = embedders.getComponent(EMBEDDER);
        if (e5 == null) throw new IllegalStateException("No embedder '" + EMBEDDER + "' in this container");
        String corpus = System.getProperty(CORPUS_PROPERTY);
        if (corpus == null) throw new IllegalStateException(CORPUS_PROPERTY + " is not set");
        this.documents = embed(Path.of(corpus), e5);
    }

    /**
     * A chain {@code id} that is the production default chain (cache searcher, query vector guard) with this
     * searcher appended where the content node would answer. Requests pick it with {@code searchChain=id}.
     */
    public static TestApplication.Customization chain(String id) {
        return (document, container, dir) -> {
            Element search = (Element) container.getElementsByTagName("search").item(0);
            Element chain = document.createElement("chain");
            chain.setAttribute("id", id);
            chain.setAttribute("inherits", "default");
            Element searcher = document.createElement("searcher");
            searcher.setAttribute("id", ExactNearestNeighborSearcher.class.getName());
            searcher.setAttribute("bundle", "embedlab-app");
            chain.appendChild(searcher);
            search.appendChild(chain);
        };
    }

    /** Documents held, each embedded once at construction. */
    public int documents() { return documents.size(); }

    @Override
    public Result search(Query query, Execution execution) {
        if ( ! RANK_PROFILES.contains(query.getRanking().getProfile()))
            return error(query, "ranks only with profiles " + RANK_PROFILES + ", not '" + query.getRanking().getProfile() + "'");
        if ( ! (query.getModel().getQueryTree().getRoot() instanceof NearestNeighborItem item))
            return error(query, "answers only a query that is one nearestNeighbor item, not: " +
                                query.getModel().getQueryTree());
        if ( ! FIELD.equals(item.getIndexName()))
            return error(query, "holds only the field " + FIELD + ", not " + item.getIndexName());
        String feature = "query(" + item.getQueryTensorName() + ")";
        Optional<Tensor> tensor = query.getRanking().getFeatures().getTensor(feature);
        if (tensor.isEmpty() || ! tensor.get().type().equals(TYPE))
            return error(query, feature + " is " + tensor.map(t -> t.type().toString()).orElse("not set") + ", expected " + TYPE);
        if (item.getTargetHits() == null) return error(query, "needs targetHits on nearestNeighbor");
        float[] q = E5Reference.values(tensor.get());

        List<Scored> matches = new ArrayList<>(documents.size());
        for (Document document : documents) matches.add(new Scored(document.docId, dot(q, document.vector)));
        matches.sort(Comparator.comparingDouble(Scored::relevance).reversed().thenComparing(Scored::docId));
        matches = matches.subList(0, Math.min(item.getTargetHits(), matches.size()));

        Result result = new Result(query);
        result.setTotalHitCount(matches.size());
        int end = Math.min(matches.size(), query.getOffset() + query.getHits());
        for (int i = query.getOffset(); i < end; i++) {
            Scored match = matches.get(i);
            Hit hit = new Hit("index:exact-nn/0/" + match.docId, match.relevance);
            hit.setField("doc_id", match.docId);
            hit.setFilled(query.getPresentation().getSummary()); // summary fields are set right here
            result.hits().add(hit);
        }
        return result;
    }

    /** Nothing to fill: hits carry their summary field already. */
    @Override
    public void fill(Result result, String summaryClass, Execution execution) { }

    /** Float cells, summed in double in cell order. */
    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) sum += (double) a[i] * b[i];
        return sum;
    }

    private static List<Document> embed(Path corpus, Embedder e5) {
        ObjectMapper json = new ObjectMapper();
        List<Document> documents = new ArrayList<>();
        try (BufferedReader lines = Files.newBufferedReader(corpus, StandardCharsets.UTF_8)) {
            String line;
            for (int number = 1; (line = lines.readLine()) != null; number++) {
                if (line.isBlank()) continue;
                JsonNode passage = json.readTree(line);
                for (String field : List.of("doc_id", "title", "text"))
                    if ( ! passage.path(field).isTextual())
                        throw new IllegalArgumentException(corpus + ":" + number + ": no string field '" + field + "'");
                String text = passage.get("title").asText() + " " + passage.get("text").asText();
                Tensor vector = e5.embed(text, new Embedder.Context(DESTINATION), TYPE);
                documents.add(new Document(passage.get("doc_id").asText(), E5Reference.values(vector)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the corpus " + corpus, e);
        }
        if (documents.isEmpty()) throw new IllegalArgumentException("The corpus " + corpus + " is empty");
        return List.copyOf(documents);
    }

    private static Result error(Query query, String message) {
        return new Result(query, ErrorMessage.createBadRequest("ExactNearestNeighborSearcher " + message));
    }
}
