package dev.embedlab.client.fbench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One vespa-fbench run as measured: its summary, the CPU fbench itself took, and for a file whose lines are
 * each sent once (the cold form) how many requests the file held.
 *
 * @param summary         fbench's own summary
 * @param cpu             fbench's CPU time, or null when not measured
 * @param fileRequests    requests in a send-each-once query file, or -1 when fbench cycles its file
 * @param ignoredRequests results fbench ignored at the start (-i per client x clients): sent, but in no count
 *                        of its summary
 */
public record FbenchRun(FbenchSummary summary, FbenchCpu cpu, long fileRequests, long ignoredRequests) {

    /** Requests fbench sent: successful, failed, and those whose results it ignored (-i). */
    public long sentRequests() {
        return summary.successfulRequests() + summary.failedRequests() + ignoredRequests;
    }

    /** Requests of the file used up: those sent and the lines fbench skipped as too long for its buffer. */
    public long usedRequests() {
        return sentRequests() + summary.skippedRequests();
    }

    /** A send-each-once file that (nearly) ran out: clients stop at the end of their share, before --seconds. */
    public boolean ranOut() {
        return fileRequests > 0 && usedRequests() * 100 >= fileRequests * 95;
    }

    /** More requests counted than a send-each-once file holds: the counts do not describe this file. */
    public boolean inconsistent() {
        return fileRequests >= 0 && usedRequests() > fileRequests;
    }

    /** What a reader must know beside the numbers: flags, a short cold file; empty when nothing. */
    public String notes() {
        List<String> notes = new ArrayList<>();
        if (summary.flagged()) notes.add("**flagged: " + summary.flagReason() + "**");
        if (!fileNote().isEmpty()) notes.add(fileNote());
        return String.join("; ", notes);
    }

    /** For a send-once file: how many of its texts were sent, and whether it ran out; else empty. */
    public String fileNote() {
        if (fileRequests < 0) return "";
        if (inconsistent()) {
            return String.format(Locale.ROOT, "**inconsistent: fbench counted %d requests sent or skipped, but the file "
                    + "holds only %d unique texts**", usedRequests(), fileRequests);
        }
        String skipped = summary.skippedRequests() > 0 ? " (" + summary.skippedRequests() + " more skipped as too long)" : "";
        return String.format(Locale.ROOT, "%d of %d unique texts sent%s%s", sentRequests(), fileRequests, skipped,
                ranOut() ? ": the file ran out, the run may be shorter than its seconds (raise --cold-max-qps)" : "");
    }
}
