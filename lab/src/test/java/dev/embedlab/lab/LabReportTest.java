package dev.embedlab.lab;

import dev.embedlab.core.data.Passage;
import dev.embedlab.core.data.Qrels;
import dev.embedlab.core.data.Topic;
import dev.embedlab.core.metrics.Evaluation;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lab report, whole: the Markdown a reader sees and the CSV a script reads. */
class LabReportTest {

    private static Evaluation evaluation(double ndcg, List<String> missing) {
        return new Evaluation(List.of(), ndcg, 0.75, 0.5, ndcg * 0.9, missing, List.of(), List.of());
    }

    static LabReport report(String firstEmbedder) {
        EmbedderSpeed int8 = new EmbedderSpeed(100, 120.04, 230.5, 300.0, 590.25, 3.456, 12.5, 2);
        EmbedderSpeed fp32 = new EmbedderSpeed(100, 60.0, 115.25, 150.0, 295.0, 6.25, 20.0, 2);
        List<LabRow> rows = List.of(
                new LabRow(firstEmbedder, "float", 384, 33_000_000, 1536, int8, 9.5, 120.25,
                        evaluation(0.61234, List.of("q9")), 1500.4, 2900.6, Path.of("out/runs/e5-int8-float.run")),
                new LabRow("e5-fp32", "float", 384, 133_000_000, 1536, fp32, 9.5, 120.25,
                        evaluation(0.62, List.of()), 1500.0, 2900.0, Path.of("out/runs/e5-fp32-float.run")),
                new LabRow(firstEmbedder, "binary", 384, 33_000_000, 48, null, 9.5, 120.25,
                        evaluation(0.5, List.of()), 40000.0, 80000.0, Path.of("out/runs/e5-int8-binary.run")));
        List<RerankPoint> sweep = List.of(new RerankPoint(firstEmbedder, 100, 0.6, 0.7, 0.55, 9000.4, 0.58));
        List<RerankChoice> choices = List.of(new RerankChoice(firstEmbedder, 100, false, 1, 0.65, 0.58, 1, 0.6, 0.61));
        LabData data = new LabData(
                List.of(new Passage("d1", "T", "text", "yo", 1), new Passage("d2", "T", "text", "yo", 2)),
                List.of(new Topic("q1", "a"), new Topic("q9", "b")),
                new Qrels(Path.of("qrels.tsv"), Map.of(), List.of()), 2, 0, true,
                List.of("corpus line 7: no text\nsecond line"));
        LabSettings settings = new LabSettings(2, 100, 1.5, Path.of("cache"), Path.of("out"), true, List.of(100), 0.005, 100);
        return new LabReport(rows, sweep, choices, data, settings, "embedlab lab --quick", "2 cores, test", List.of("a note"));
    }

    @Test
    void markdown() {
        assertEquals("""
                ## embedlab lab

                Command: `embedlab lab --quick`

                Machine: 2 cores, test

                Data: 2 passages, 2 topics, 0 scored (queries in the qrels with a run; trec_eval semantics) — SUBSET (--max-docs): NDCG not comparable with a full-corpus run

                | embedder | vectors | model MB | bytes/doc | docs/s 1t | docs/s 2t | q/s 1t | q/s 2t | p50 ms | p99 ms | tok/query | tok/doc | NDCG@10 | recall@100 | MRR@10 | search q/s 1t | search q/s 2t |
                |---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
                | e5-int8 | float | 33.0 | 1536 | 120.0 | 230.5 | 300.0 | 590.3 | 3.46 | 12.5 | 9.5 | 120.3 | 0.6123 | 0.7500 | 0.5000 | 1500 | 2901 |
                | e5-fp32 | float | 133.0 | 1536 | 60.0 | 115.3 | 150.0 | 295.0 | 6.25 | 20.0 | 9.5 | 120.3 | 0.6200 | 0.7500 | 0.5000 | 1500 | 2900 |
                | e5-int8 | binary | | 48 | | | | | | | | | 0.5000 | 0.7500 | 0.5000 | 40000 | 80000 |

                - Embedding speed: docs/s on a sample of 100 passages spread over the corpus, q/s and latency over the topics; "1t" one caller thread, "2t" 2 caller threads sharing the model (ONNX: one intra-op thread per inference). Each figure repeats its input for at least 1.5 s. tok/query and tok/doc: tokens the model saw (ONNX: with prefix, [CLS]/[SEP], after truncation).
                - Search: exact scan over all documents (dot product of normalized vectors on a contiguous float matrix, each query split over the threads); search q/s is the scan (+ re-rank) alone, without embedding.
                - bytes/doc: the vectors searched (float 4·d, bfloat16 2·d, binary d/8). binary+rerank keeps the float vectors too (4·d, only read for the re-ranked candidates, so they can be paged to disk).
                - Metrics: trec_eval semantics (NDCG@10 = ndcg_cut.10, recall@100 = recall.100, MRR@10 cut at 10); run files in out/runs can be checked with `scripts/trec-eval.sh -m ndcg_cut.10 <qrels> <run>` (the real trec_eval 9.0.4).
                - e5-small-v2 int8 vs fp32: NDCG@10 0.6123 vs 0.6200 (difference -0.0077); docs/s 2t: 2.00x.
                - e5-int8: 1 judged queries without results; NDCG@10 counting them as 0 (trec_eval -c): 0.5511.
                - Re-rank depth: binarized (hamming) top-N re-ranked by the float vectors, N swept below. N is chosen without looking at half of the topics: sorted by qid, the topics at even positions are the tuning half, where N is the smallest whose NDCG@10 is within 0.005 of float exact search on the same topics (else the deepest); the odd positions are held out. The table row reports the chosen N on all topics, the sweep NDCG@10 on all topics and on the tuning half, and the held-out half is scored separately below.

                | embedder | hamming top-N | NDCG@10 | NDCG@10 tuning half | recall@100 | MRR@10 | search q/s 2t |
                |---|---:|---:|---:|---:|---:|---:|
                | e5-int8 | 100 | 0.6000 | 0.5800 | 0.7000 | 0.5500 | 9000 |

                - The chosen re-rank depth on the held-out topics, which took no part in choosing it:

                | embedder | chosen N | how | tuning queries | NDCG@10 tuning float | NDCG@10 tuning chosen | held-out queries | NDCG@10 held-out float | NDCG@10 held-out chosen |
                |---|---:|---|---:|---:|---:|---:|---:|---:|
                | e5-int8 | 100 | deepest | 1 | 0.6500 | 0.5800 | 1 | 0.6000 | 0.6100 |

                - a note

                Input warnings:
                - corpus line 7: no text
                  second line
                """, report("e5-int8").markdown());
    }

    @Test
    void csv() {
        assertEquals("""
                embedder,vectors,dims,model_bytes,bytes_per_doc,docs_per_s_1t,docs_per_s_all,queries_per_s_1t,queries_per_s_all,p50_ms,p99_ms,tokens_per_query,tokens_per_doc,ndcg10,recall100,mrr10,ndcg10_c,queries_scored,queries_missing,search_qps_1t,search_qps_all,threads,passages,subset,run_file
                e5-int8,float,384,33000000,1536,120.040,230.500,300.000,590.250,3.4560,12.5000,9.50,120.25,0.612340,0.750000,0.500000,0.551106,0,1,1500.4,2900.6,2,2,true,out/runs/e5-int8-float.run
                e5-fp32,float,384,133000000,1536,60.000,115.250,150.000,295.000,6.2500,20.0000,9.50,120.25,0.620000,0.750000,0.500000,0.558000,0,0,1500.0,2900.0,2,2,true,out/runs/e5-fp32-float.run
                e5-int8,binary,384,33000000,48,,,,,,,9.50,120.25,0.500000,0.750000,0.500000,0.450000,0,0,40000.0,80000.0,2,2,true,out/runs/e5-int8-binary.run
                """, report("e5-int8").csv());
    }

    /** An embedder name is free text (a model file name): it must not split a Markdown cell or a CSV field. */
    @Test
    void anEmbedderNameWithAPipeOrCommaStaysInItsCell() {
        LabReport report = report("static|v2,fast");
        assertTrue(report.markdown().contains("| static\\|v2,fast | float | 33.0 |"), report.markdown());
        assertTrue(report.markdown().contains("| static\\|v2,fast | 100 | 0.6000 |"), report.markdown());
        assertTrue(report.csv().contains("\n\"static|v2,fast\",float,384,"), report.csv());
    }
}
