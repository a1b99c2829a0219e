package dev.embedlab.vespa.testing;

import com.yahoo.component.chain.dependencies.After;
import com.yahoo.component.chain.dependencies.Before;
import com.yahoo.search.Query;
import com.yahoo.search.Result;
import com.yahoo.search.Searcher;
import com.yahoo.search.result.Hit;
import com.yahoo.search.searchchain.Execution;
import com.yahoo.search.searchchain.PhaseNames;
import com.yahoo.tensor.Tensor;
import dev.embedlab.vespa.QueryVectorGuardSearcher;

import java.util.Map;
import java.util.StringJoiner;

/**
 * Test-only: ends the chain where the content node would be, answering with one hit whose fields are the
 * query's tensor ranking features (cell values in full float precision, comma separated) and its parsed query
 * tree. Lets tests see exactly what a content node would receive. Select {@code *}: the renderer shows only
 * the fields a YQL select names.
 */
@After({ PhaseNames.TRANSFORMED_QUERY, QueryVectorGuardSearcher.PROVIDED })
@Before(PhaseNames.BLENDED_RESULT)
public class QueryFeaturesEchoSearcher extends Searcher {

    @Override
    public Result search(Query query, Execution execution) {
        Result result = new Result(query);
        Hit hit = new Hit("echo", 1.0);
        hit.setField("query_tree", query.getModel().getQueryTree().toString());
        for (Map.Entry<String, Object> feature : query.getRanking().getFeatures().asMap().entrySet()) {
            if (feature.getValue() instanceof Tensor tensor) hit.setField(feature.getKey(), cells(tensor));
        }
        result.hits().add(hit);
        return result;
    }

    /** Nothing to fill: there is no content node behind this searcher. */
    @Override
    public void fill(Result result, String summaryClass, Execution execution) { }

    private static String cells(Tensor tensor) {
        StringJoiner joiner = new StringJoiner(",");
        for (var cells = tensor.valueIterator(); cells.hasNext(); ) joiner.add(Double.toString(cells.next()));
        return tensor.type() + ":" + joiner;
    }
}
