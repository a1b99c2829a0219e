package dev.embedlab.core.data;

/** One query: its id as used in qrels and run files, and its text. */
public record Topic(String qid, String text) {
}
