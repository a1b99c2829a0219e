package dev.embedlab.lab.distill;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A transformer teacher in ONNX Runtime: token ids in, the mean of {@code last_hidden_state} over every
 * position out (Model2Vec's "mean" pooling since v0.5, special tokens included). Inputs in one batch
 * must have the same length, so no padding (and no attention-mask subtleties) is ever needed.
 */
final class OnnxTeacher implements AutoCloseable {

    static final String OUTPUT = "last_hidden_state";

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final boolean takesTokenTypes;
    private final int hiddenSize;

    OnnxTeacher(Path model, int threads) throws OrtException {
        environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = environment.createSession(model.toString(), options);
        }
        Map<String, NodeInfo> inputs = session.getInputInfo();
        for (String required : new String[] {"input_ids", "attention_mask"})
            if (!inputs.containsKey(required))
                throw new IllegalArgumentException(model + ": the teacher has no '" + required + "' input (inputs: " + inputs.keySet() + ")");
        takesTokenTypes = inputs.containsKey("token_type_ids");
        NodeInfo output = session.getOutputInfo().get(OUTPUT);
        if (output == null || !(output.getInfo() instanceof TensorInfo info) || info.getShape().length != 3)
            throw new IllegalArgumentException(model + ": the teacher has no rank-3 '" + OUTPUT + "' output (outputs: "
                                               + session.getOutputInfo().keySet() + ")");
        long hidden = info.getShape()[2];
        if (hidden <= 0) throw new IllegalArgumentException(model + ": '" + OUTPUT + "' has no fixed hidden size: " + hidden);
        hiddenSize = (int) hidden;
    }

    int hiddenSize() {
        return hiddenSize;
    }

    /** Mean-pooled last hidden states of {@code count} equal-length sequences, written to {@code out[b][0, hiddenSize)}. */
    void meanPool(long[][] sequences, int count, float[][] out) throws OrtException {
        int length = sequences[0].length;
        long[] shape = {count, length};
        LongBuffer ids = LongBuffer.allocate(count * length);
        for (int b = 0; b < count; b++) {
            if (sequences[b].length != length) throw new IllegalArgumentException("sequences in a batch must have equal lengths");
            ids.put(sequences[b]);
        }
        ids.flip();
        long[] ones = new long[count * length];
        java.util.Arrays.fill(ones, 1);
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(environment, ids, shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(environment, LongBuffer.wrap(ones), shape));
            if (takesTokenTypes) inputs.put("token_type_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[count * length]), shape));
            try (OrtSession.Result result = session.run(inputs, java.util.Set.of(OUTPUT))) {
                OnnxTensor hidden = (OnnxTensor) result.get(OUTPUT).orElseThrow();
                FloatBuffer values = hidden.getFloatBuffer();
                for (int b = 0; b < count; b++) {
                    float[] mean = out[b];
                    java.util.Arrays.fill(mean, 0, hiddenSize, 0f);
                    for (int position = 0; position < length; position++) {
                        int base = (b * length + position) * hiddenSize;
                        for (int h = 0; h < hiddenSize; h++) mean[h] += values.get(base + h);
                    }
                    for (int h = 0; h < hiddenSize; h++) {
                        float value = mean[h] / length;
                        mean[h] = Float.isNaN(value) ? 0f : Math.max(-Float.MAX_VALUE, Math.min(Float.MAX_VALUE, value)); // nan_to_num
                    }
                }
            }
        }
        finally {
            for (OnnxTensor tensor : inputs.values()) tensor.close();
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
