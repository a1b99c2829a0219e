package dev.embedlab.lab.align;

import dev.embedlab.staticembed.DType;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What {@code embedlab align} trains with. There is deliberately no field for topics, queries or judgements:
 * training sees corpus text only.
 *
 * @param kinds         pseudo-query kinds cut from the corpus
 * @param heldOut       share of passages whose pseudo-queries are held out to pick the best epoch
 * @param randomStart   start from small seeded random rows instead of the query-space distillation (an ablation)
 * @param training      epochs, batch, learning rate, temperature, seed, threads
 * @param dtypes        stored table types, F32, F16 or I8: the first to the output folder, each other to
 *                      {@code <folder>-<type>} (the same training, to compare what precision costs)
 * @param compact       store only the corpus's token rows, with a mapping (vocabulary quantization)
 * @param cacheDir      the lab's vector cache (document vectors and teacher query vectors)
 */
record AlignSettings(Set<PseudoQuery.Kind> kinds, double heldOut, boolean randomStart,
                     ContrastiveTrainer.Settings training, List<DType> dtypes, boolean compact, Path cacheDir) {

    AlignSettings {
        if (!(heldOut > 0 && heldOut < 0.5)) throw new IllegalArgumentException("--held-out must be in (0, 0.5), got " + heldOut);
        if (dtypes.isEmpty()) throw new IllegalArgumentException("--dtype needs at least one type");
        for (DType dtype : dtypes)
            if (dtype != DType.F32 && dtype != DType.F16 && dtype != DType.I8)
                throw new IllegalArgumentException("--dtype must be F32, F16 or I8, got " + dtype);
        dtypes = List.copyOf(dtypes);
        kinds = Set.copyOf(kinds);
    }
}
