package dev.embedlab.lab.align;

/**
 * A training query made from corpus text alone: its token ids (unknown ids included; the encoder skips them)
 * and the passages it was taken from, which count as its relevant documents.
 *
 * @param tokens    token ids of the query text, as the static model's tokenizer gives them
 * @param positives passage indexes the text came from (several for a title shared by an article's passages)
 * @param kind      where the text came from
 */
public record PseudoQuery(int[] tokens, int[] positives, Kind kind) {

    /** The parts of a passage a pseudo-query can be cut from. */
    public enum Kind { TITLE, SENTENCE, SPAN }
}
