package dev.embedlab.lab.align;

import dev.embedlab.core.data.Passage;
import dev.embedlab.staticembed.tokenizer.TokenIds;
import dev.embedlab.staticembed.tokenizer.Tokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Cuts pseudo-queries out of the corpus, the only text training ever sees:
 * <ul>
 *   <li>{@link PseudoQuery.Kind#TITLE}: a title, relevant to every passage that carries it (titles shared by more
 *       than {@link #MAX_TITLE_PASSAGES} passages say too little about any one of them and are left out);</li>
 *   <li>{@link PseudoQuery.Kind#SENTENCE}: each sentence of a passage's text, relevant to that passage;</li>
 *   <li>{@link PseudoQuery.Kind#SPAN}: one random run of {@link #MIN_SPAN}..{@link #MAX_SPAN} tokens per passage
 *       (seeded), short like real queries.</li>
 * </ul>
 * Texts shorter than {@link #MIN_TOKENS} tokens are skipped; longer than {@link #MAX_TOKENS} are cut.
 */
public final class PseudoQueryMaker {

    static final int MIN_TOKENS = 3;
    static final int MAX_TOKENS = 48;
    static final int MIN_SPAN = 4;
    static final int MAX_SPAN = 12;
    static final int MAX_TITLE_PASSAGES = 20;
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");

    private final Tokenizer tokenizer;
    private final Set<PseudoQuery.Kind> kinds;
    private final long seed;

    public PseudoQueryMaker(Tokenizer tokenizer, Set<PseudoQuery.Kind> kinds, long seed) {
        if (kinds.isEmpty()) throw new IllegalArgumentException("at least one pseudo-query kind is needed");
        this.tokenizer = tokenizer;
        this.kinds = EnumSet.copyOf(kinds);
        this.seed = seed;
    }

    public List<PseudoQuery> make(List<Passage> passages) {
        List<PseudoQuery> queries = new ArrayList<>();
        TokenIds ids = new TokenIds();
        if (kinds.contains(PseudoQuery.Kind.TITLE)) addTitles(passages, queries, ids);
        Random random = new Random(seed);
        for (int p = 0; p < passages.size(); p++) {
            String text = passages.get(p).text();
            if (kinds.contains(PseudoQuery.Kind.SENTENCE)) {
                for (String sentence : SENTENCE_END.split(text)) {
                    int[] tokens = tokens(sentence, ids);
                    if (tokens.length >= MIN_TOKENS) queries.add(new PseudoQuery(cut(tokens, MAX_TOKENS), new int[] {p}, PseudoQuery.Kind.SENTENCE));
                }
            }
            if (kinds.contains(PseudoQuery.Kind.SPAN)) {
                int[] tokens = tokens(text, ids);
                if (tokens.length >= MIN_SPAN) {
                    int length = Math.min(tokens.length, MIN_SPAN + random.nextInt(MAX_SPAN - MIN_SPAN + 1));
                    int start = random.nextInt(tokens.length - length + 1);
                    queries.add(new PseudoQuery(Arrays.copyOfRange(tokens, start, start + length), new int[] {p}, PseudoQuery.Kind.SPAN));
                }
            }
        }
        return queries;
    }

    private void addTitles(List<Passage> passages, List<PseudoQuery> queries, TokenIds ids) {
        Map<String, List<Integer>> byTitle = new HashMap<>();
        List<String> order = new ArrayList<>();
        for (int p = 0; p < passages.size(); p++) {
            String title = passages.get(p).title().strip();
            if (title.isEmpty()) continue;
            byTitle.computeIfAbsent(title, t -> { order.add(t); return new ArrayList<>(); }).add(p);
        }
        for (String title : order) {
            List<Integer> sharing = byTitle.get(title);
            int[] tokens = tokens(title, ids);
            if (sharing.size() > MAX_TITLE_PASSAGES || tokens.length < 1) continue;
            queries.add(new PseudoQuery(cut(tokens, MAX_TOKENS), sharing.stream().mapToInt(Integer::intValue).toArray(), PseudoQuery.Kind.TITLE));
        }
    }

    private int[] tokens(String text, TokenIds ids) {
        ids.clear();
        tokenizer.encode(text, ids);
        return Arrays.copyOf(ids.array(), ids.size());
    }

    private static int[] cut(int[] tokens, int max) {
        return tokens.length <= max ? tokens : Arrays.copyOf(tokens, max);
    }
}
