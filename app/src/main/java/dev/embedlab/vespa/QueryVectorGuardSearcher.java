package dev.embedlab.vespa;

import com.yahoo.component.chain.dependencies.After;
import com.yahoo.component.chain.dependencies.Before;
import com.yahoo.component.chain.dependencies.Provides;
import com.yahoo.prelude.query.CompositeItem;
import com.yahoo.prelude.query.Item;
import com.yahoo.prelude.query.NearestNeighborItem;
import com.yahoo.search.Query;
import com.yahoo.search.Result;
import com.yahoo.search.Searcher;
import com.yahoo.search.result.ErrorMessage;
import com.yahoo.search.searchchain.Execution;
import com.yahoo.search.searchchain.PhaseNames;
import com.yahoo.tensor.Tensor;

import java.util.Optional;

/**
 * Rejects a nearestNeighbor query whose query vector is missing or all zeros, with a 400 that says why.
 *
 * <p>Vespa turns {@code embed(e5, @text)} of an empty text into an all-zero tensor without calling the
 * embedder. Every document is then equally distant, and the "nearest" neighbours are arbitrary: a silent
 * wrong answer. The cache searcher and {@code input.query(...)} both set the vector before this runs.
 */
@Provides(QueryVectorGuardSearcher.PROVIDED)
@After({ "ExternalYql", PhaseNames.TRANSFORMED_QUERY })
@Before(PhaseNames.BLENDED_RESULT)
public class QueryVectorGuardSearcher extends Searcher {

    public static final String PROVIDED = "QueryVectorGuard";

    @Override
    public Result search(Query query, Execution execution) {
        Optional<String> problem = problem(query.getModel().getQueryTree().getRoot(), query);
        if (problem.isPresent()) return new Result(query, ErrorMessage.createBadRequest(problem.get()));
        return execution.search(query);
    }

    private static Optional<String> problem(Item item, Query query) {
        if (item instanceof NearestNeighborItem nearestNeighbor) return problem(nearestNeighbor, query);
        if (item instanceof CompositeItem composite) {
            for (Item child : composite.items()) {
                Optional<String> problem = problem(child, query);
                if (problem.isPresent()) return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> problem(NearestNeighborItem item, Query query) {
        String feature = "query(" + item.getQueryTensorName() + ")";
        Optional<Tensor> vector = query.getRanking().getFeatures().getTensor(feature);
        if (vector.isEmpty())
            return Optional.of("nearestNeighbor(" + item.getIndexName() + ", " + item.getQueryTensorName() + ") has no " +
                               feature + ": send the query text in the embedding parameter or set input." + feature);
        if (isAllZeros(vector.get()))
            return Optional.of(feature + " is all zeros, so every document would be equally near: " +
                               "was the query text empty?");
        return Optional.empty();
    }

    private static boolean isAllZeros(Tensor tensor) {
        for (var cells = tensor.valueIterator(); cells.hasNext(); )
            if (cells.next() != 0) return false;
        return true;
    }
}
