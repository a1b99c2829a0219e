package dev.embedlab.vespa.cache;

import com.yahoo.component.annotation.Inject;
import com.yahoo.component.chain.dependencies.After;
import com.yahoo.component.chain.dependencies.Before;
import com.yahoo.component.chain.dependencies.Provides;
import com.yahoo.language.Language;
import com.yahoo.language.process.Embedder;
import com.yahoo.language.process.InvocationContext;
import com.yahoo.processing.request.CompoundName;
import com.yahoo.search.Query;
import com.yahoo.search.Result;
import com.yahoo.search.Searcher;
import com.yahoo.search.result.ErrorMessage;
import com.yahoo.search.schema.RankProfile;
import com.yahoo.search.schema.SchemaInfo;
import com.yahoo.search.searchchain.Execution;
import com.yahoo.search.searchchain.PhaseNames;
import com.yahoo.tensor.TensorType;
import dev.embedlab.vespa.QueryVectorGuardSearcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sets the query's embedding features from the raw text in a request parameter, through the cross-request
 * {@link QueryEmbeddingCache}.
 *
 * <p>Vespa runs {@code input.query(q)=embed(...)} while it builds the Query, before any searcher, so it cannot
 * be cached there. Clients instead send the text in {@code embedlab.text} (configurable) and this searcher
 * embeds it, as Vespa would: destination {@code query(<feature>)} (so E5's query prefix applies), the query's
 * language, the query's remaining time as deadline, and the tensor type the rank profile declares.
 *
 * <p>Which features are set: those configured mappings whose feature is an input of the query's rank profile.
 * So {@code ranking=e5} or {@code hybrid} get {@code query(q_e5)}, and {@code ranking=bm25} with a text passes
 * through untouched (the text may serve other searchers). Clients choose neither embedder nor feature: only
 * configured pairs can run. A query without the parameter is not touched at all.
 *
 * <p>A mapping with {@code cache false} calls its embedder on every request and keeps nothing: for embedders
 * that cost about as much as a cache lookup (static lookups), where an entry would only take capacity from e5.
 *
 * <p>Errors are the client's to see: unknown rank profile, blank or too long text, a feature also given as
 * {@code input.query(...)} are 400s; a failing embedder is a 500 (504 on timeout), and nothing is cached.
 */
@Provides(QueryEmbeddingCacheSearcher.PROVIDED)
@After(PhaseNames.RAW_QUERY)
@Before({ PhaseNames.TRANSFORMED_QUERY, QueryVectorGuardSearcher.PROVIDED })
public class QueryEmbeddingCacheSearcher extends Searcher {

    public static final String PROVIDED = "QueryEmbeddingCache";

    private final String parameterName;
    private final CompoundName parameter;
    private final List<FeatureMapping> mappings;
    private final int maxTextLength;
    private final boolean truncate;
    private final QueryEmbeddingCache cache;

    @Inject
    public QueryEmbeddingCacheSearcher(QueryEmbeddingCacheSearcherConfig config, QueryEmbeddingCache cache) {
        this(config.parameter(), mappingsOf(config), config.maxTextLength(),
             config.overLength() == QueryEmbeddingCacheSearcherConfig.OverLength.TRUNCATE, cache);
    }

    public QueryEmbeddingCacheSearcher(String parameter, List<FeatureMapping> mappings, int maxTextLength,
                                       boolean truncate, QueryEmbeddingCache cache) {
        if (parameter == null || parameter.isBlank())
            throw new IllegalArgumentException("query-embedding-cache-searcher: parameter is blank");
        if (maxTextLength < 1)
            throw new IllegalArgumentException("query-embedding-cache-searcher: maxTextLength must be positive, but is " +
                                               maxTextLength);
        for (FeatureMapping mapping : mappings) {
            if ( ! cache.hasEmbedder(mapping.embedderId()))
                throw new IllegalArgumentException("query-embedding-cache-searcher: mapping to " + mapping.feature() +
                                                   " names embedder '" + mapping.embedderId() +
                                                   "', which is not a component of this container");
        }
        if (mappings.stream().map(FeatureMapping::feature).distinct().count() != mappings.size())
            throw new IllegalArgumentException("query-embedding-cache-searcher: a feature is mapped more than once: " +
                                               mappings);
        this.parameterName = parameter;
        this.parameter = CompoundName.from(parameter);
        this.mappings = List.copyOf(mappings);
        this.maxTextLength = maxTextLength;
        this.truncate = truncate;
        this.cache = cache;
    }

    private static List<FeatureMapping> mappingsOf(QueryEmbeddingCacheSearcherConfig config) {
        return config.mapping().stream().map(m -> new FeatureMapping(m.embedder(), m.feature(), m.cache())).toList();
    }

    @Override
    public Result search(Query query, Execution execution) {
        String text = query.properties().getString(parameter);
        if (text == null) return execution.search(query);

        List<Target> targets;
        try {
            targets = targetsOf(query, execution.context().schemaInfo());
        } catch (IllegalArgumentException e) { // no such rank profile, or conflicting input types across schemas
            return badRequest(query, parameterName + ": " + e.getMessage());
        }
        if (targets.isEmpty()) {
            if (query.getTrace().isTraceable(1))
                query.trace("QueryEmbeddingCache: rank profile '" + query.getRanking().getProfile() + "' has none of " +
                            features() + " as input; " + parameterName + " not embedded", 1);
            return execution.search(query);
        }
        if (text.isBlank())
            return badRequest(query, parameterName + " is blank: there is no text to embed for " + featuresOf(targets));
        text = limitLength(text, query, targets);
        if (text == null)
            return badRequest(query, parameterName + " has more than the " + maxTextLength + " characters allowed");
        Map<String, Object> features = query.getRanking().getFeatures().asMap();
        for (Target target : targets) {
            if (features.get(target.mapping.feature()) != null)
                return badRequest(query, target.mapping.feature() + " is set both by " + parameterName + " and by the " +
                                         "request (input." + target.mapping.feature() + "): send one of them");
        }

        Language language = query.getModel().getLanguage();
        EmbedContexts contexts = new EmbedContexts(query, language == null ? Language.UNKNOWN : language);
        try {
            for (Target target : targets) {
                EmbeddingKey key = new EmbeddingKey(target.space, contexts.language, text);
                Lookup lookup = target.mapping.cached() ? cache.embed(key, () -> contexts.contextFor(target))
                                                        : cache.embedUncached(key, () -> contexts.contextFor(target));
                // The tensor has the declared input type (the cache checks it), so the type check in
                // RankFeatures.put would only repeat the schema lookup this searcher already did.
                features.put(target.mapping.feature(), lookup.tensor());
                if (query.getTrace().isTraceable(1)) query.trace(traceLine(target, lookup), 1);
            }
        } catch (EmbeddingException e) {
            return new Result(query, errorOf(e));
        }
        return execution.search(query);
    }

    /** The mappings whose feature the query's rank profile declares, with the declared tensor type. */
    private List<Target> targetsOf(Query query, SchemaInfo schemaInfo) {
        // Which schemas a query searches depends only on its sources and restrict; the inputs only on the profile.
        Resolution resolution = new Resolution(query.getRanking().getProfile(), Set.copyOf(query.getModel().getSources()),
                                               Set.copyOf(query.getModel().getRestrict()));
        ResolvedTargets resolved = this.resolved;
        if (resolved.schemaInfo != schemaInfo) this.resolved = resolved = new ResolvedTargets(schemaInfo);
        List<Target> targets = resolved.targets.get(resolution);
        if (targets != null) return targets;

        SchemaInfo.Session session = schemaInfo.newSession(query);
        targets = new ArrayList<>(mappings.size());
        for (FeatureMapping mapping : mappings) {
            RankProfile.InputType input = session.rankProfileInput(mapping.feature(), resolution.profile);
            if (input != null && ! input.declaredString()) targets.add(new Target(mapping, input.tensorType()));
        }
        targets = List.copyOf(targets);
        if (resolved.targets.size() < MAX_RESOLUTIONS) resolved.targets.put(resolution, targets);
        return targets;
    }

    /** Returns the text within the limit, truncated if so configured, or null if it must be rejected. */
    private String limitLength(String text, Query query, List<Target> targets) {
        if (text.length() <= maxTextLength) return text; // code points <= chars
        int codePoints = text.codePointCount(0, text.length());
        if (codePoints <= maxTextLength) return text;
        if ( ! truncate) return null;
        for (Target target : targets) cache.metrics().truncation(target.mapping.embedderId());
        query.trace("QueryEmbeddingCache: " + parameterName + " truncated from " + codePoints + " to " + maxTextLength +
                    " characters", 1);
        return text.substring(0, text.offsetByCodePoints(0, maxTextLength));
    }

    private static ErrorMessage errorOf(EmbeddingException e) {
        return switch (e.kind()) {
            case TIMED_OUT -> ErrorMessage.createTimeout(e.getMessage());
            case OVERLOADED -> ErrorMessage.createNoBackendsInService(e.getMessage());
            case INVALID_INPUT -> ErrorMessage.createBadRequest(e.getMessage());
            case FAILED -> ErrorMessage.createErrorInPluginSearcher(e.getMessage());
        };
    }

    private static Result badRequest(Query query, String message) {
        return new Result(query, ErrorMessage.createBadRequest(message));
    }

    private static String traceLine(Target target, Lookup lookup) {
        String what = switch (lookup.outcome()) {
            case HIT -> "hit";
            case MISS -> "miss, embedded";
            case JOINED -> "joined a concurrent embedding of the same text, waited";
            case UNCACHED -> "not cached (mapping has cache false), embedded";
        };
        return "QueryEmbeddingCache: " + target.mapping.feature() + " by '" + target.mapping.embedderId() + "' as " +
               target.space.tensorType() + ": " + what + " in " + formatNanos(lookup.nanos());
    }

    static String formatNanos(long nanos) {
        if (nanos < 1_000_000) return String.format(java.util.Locale.ROOT, "%.1f µs", nanos / 1e3);
        return String.format(java.util.Locale.ROOT, "%.2f ms", nanos / 1e6);
    }

    private String features() {
        return mappings.stream().map(FeatureMapping::feature).toList().toString();
    }

    private static String featuresOf(List<Target> targets) {
        return targets.stream().map(t -> t.mapping.feature()).toList().toString();
    }

    private static final int MAX_RESOLUTIONS = 1000; // profiles x source combinations; beyond, resolve each time

    private volatile ResolvedTargets resolved = new ResolvedTargets(null);

    /** The targets of each profile and schema selection, for one SchemaInfo (a new one comes with a redeploy). */
    private static final class ResolvedTargets {
        final SchemaInfo schemaInfo;
        final Map<Resolution, List<Target>> targets = new ConcurrentHashMap<>();
        ResolvedTargets(SchemaInfo schemaInfo) { this.schemaInfo = schemaInfo; }
    }

    private record Resolution(String profile, Set<String> sources, Set<String> restrict) { }

    /** A mapping that applies, with the key part it and the declared input tensor type fix. */
    private record Target(FeatureMapping mapping, EmbeddingSpace space) {
        Target(FeatureMapping mapping, TensorType type) {
            this(mapping, new EmbeddingSpace(mapping.embedderId(),
                                             new Embedder.Context(mapping.feature()).getDestinationType(), type));
        }
    }

    /** Makes embedding contexts for one request, only if some feature is not cached. */
    private static final class EmbedContexts {
        final Query query;
        final Language language;
        InvocationContext.Deadline deadline;
        // Shared by this request's embeddings: an embedder may reuse its model output across tensor types of one text.
        Map<Object, Object> invocationCache;

        EmbedContexts(Query query, Language language) {
            this.query = query;
            this.language = language;
        }

        Embedder.Context contextFor(Target target) {
            if (deadline == null) {
                long timeLeftMillis = query.getTimeLeft();
                if (timeLeftMillis <= 0)
                    throw new EmbeddingException(EmbeddingException.Kind.TIMED_OUT, "No time left to embed the text for " +
                                                 target.mapping.feature(), null);
                deadline = InvocationContext.Deadline.of(Duration.ofMillis(timeLeftMillis));
                invocationCache = new HashMap<>();
            }
            // The destination starts with "query(": Vespa's embedders then apply their query prefix.
            return new Embedder.Context(target.mapping.feature(), invocationCache)
                    .setEmbedderId(target.mapping.embedderId())
                    .setLanguage(language)
                    .setDeadline(deadline);
        }
    }
}
