package dev.embedlab.lab.distill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedlab.staticembed.InvalidModelException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The teacher's WordPiece vocabulary as distillation sees it: every token except those matching the
 * removal pattern (Model2Vec's {@code \[unused\d+\]}), renumbered densely in the teacher's id order, and
 * the special ids the teacher's post-processor wraps a single sequence in ({@code [CLS] ... [SEP]}).
 */
final class TeacherVocabulary {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final ObjectNode json;
    private final int[] teacherIds;   // student id -> teacher id
    private final String[] tokens;    // student id -> token
    private final long[] prefix;
    private final long[] suffix;
    private final int removed;

    private TeacherVocabulary(Path file, ObjectNode json, int[] teacherIds, String[] tokens, long[] prefix, long[] suffix, int removed) {
        this.file = file;
        this.json = json;
        this.teacherIds = teacherIds;
        this.tokens = tokens;
        this.prefix = prefix;
        this.suffix = suffix;
        this.removed = removed;
    }

    static TeacherVocabulary read(Path tokenizerJson, Pattern removePattern) throws IOException {
        JsonNode root = JSON.readTree(tokenizerJson.toFile());
        if (root == null || !root.isObject()) throw new InvalidModelException(tokenizerJson, "is not a JSON object");
        JsonNode model = root.path("model");
        String type = model.path("type").asText("");
        if (!type.equals("WordPiece"))
            throw new InvalidModelException(tokenizerJson, "distill supports WordPiece tokenizers, this one is '" + type + "'");
        JsonNode vocab = model.path("vocab");
        if (!vocab.isObject() || vocab.isEmpty()) throw new InvalidModelException(tokenizerJson, "model.vocab is missing or empty");

        Map<Integer, String> byId = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().canConvertToInt() || entry.getValue().asInt() < 0)
                throw new InvalidModelException(tokenizerJson, "model.vocab id of '" + entry.getKey() + "' is not a non-negative int");
            String previous = byId.put(entry.getValue().asInt(), entry.getKey());
            if (previous != null)
                throw new InvalidModelException(tokenizerJson, "model.vocab gives id " + entry.getValue() + " to both '" + previous
                                                               + "' and '" + entry.getKey() + "'");
        }
        int[] ids = byId.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        List<Integer> kept = new ArrayList<>();
        for (int id : ids)
            if (!removePattern.matcher(byId.get(id)).lookingAt()) kept.add(id); // Python's re.match: anchored at the start only
        if (kept.isEmpty()) throw new InvalidModelException(tokenizerJson, "no token is left after removing " + removePattern);
        int[] teacherIds = kept.stream().mapToInt(Integer::intValue).toArray();
        String[] tokens = Arrays.stream(teacherIds).mapToObj(byId::get).toArray(String[]::new);

        long[][] wrap = specialWrap(tokenizerJson, root.path("post_processor"), vocab);
        return new TeacherVocabulary(tokenizerJson, (ObjectNode) root, teacherIds, tokens, wrap[0], wrap[1], ids.length - teacherIds.length);
    }

    /** The ids the teacher's post-processor puts before and after one sequence. */
    private static long[][] specialWrap(Path file, JsonNode processor, JsonNode vocab) throws InvalidModelException {
        String type = processor.path("type").asText("");
        switch (type) {
            case "TemplateProcessing" -> {
                List<Long> before = new ArrayList<>();
                List<Long> after = new ArrayList<>();
                boolean seenSequence = false;
                for (JsonNode piece : processor.path("single")) {
                    if (piece.has("Sequence")) {
                        seenSequence = true;
                        continue;
                    }
                    String special = piece.path("SpecialToken").path("id").asText();
                    JsonNode specialIds = processor.path("special_tokens").path(special).path("ids");
                    if (!specialIds.isArray() || specialIds.isEmpty())
                        throw new InvalidModelException(file, "post_processor special token '" + special + "' has no ids");
                    for (JsonNode id : specialIds) (seenSequence ? after : before).add(id.asLong());
                }
                return new long[][] {before.stream().mapToLong(Long::longValue).toArray(), after.stream().mapToLong(Long::longValue).toArray()};
            }
            case "BertProcessing", "RobertaProcessing" -> {
                return new long[][] {{processor.path("cls").path(1).asLong()}, {processor.path("sep").path(1).asLong()}};
            }
            case "" -> {
                return new long[][] {{}, {}};
            }
            default -> throw new InvalidModelException(file, "cannot tell the special tokens of post_processor type '" + type + "'");
        }
    }

    Path file() {
        return file;
    }

    /** Tokens the student keeps. */
    int size() {
        return teacherIds.length;
    }

    /** Tokens removed by the pattern. */
    int removed() {
        return removed;
    }

    String token(int studentId) {
        return tokens[studentId];
    }

    /** The teacher's input for one student token: prefix, the token's teacher id, suffix. */
    long[] teacherInput(int studentId) {
        long[] input = new long[prefix.length + 1 + suffix.length];
        System.arraycopy(prefix, 0, input, 0, prefix.length);
        input[prefix.length] = teacherIds[studentId];
        System.arraycopy(suffix, 0, input, prefix.length + 1, suffix.length);
        return input;
    }

    /**
     * The student's tokenizer.json: the teacher's, with the removed tokens gone, ids renumbered densely
     * (the table has one row per id), added tokens remapped, and no post-processor (a static model adds no
     * special tokens).
     */
    ObjectNode studentTokenizer() {
        ObjectNode student = json.deepCopy();
        Map<Integer, Integer> studentIdOf = new HashMap<>();
        for (int s = 0; s < teacherIds.length; s++) studentIdOf.put(teacherIds[s], s);
        ObjectNode vocab = ((ObjectNode) student.get("model")).putObject("vocab");
        for (int s = 0; s < tokens.length; s++) vocab.put(tokens[s], s);
        ArrayNode added = JSON.createArrayNode();
        for (JsonNode token : json.path("added_tokens")) {
            Integer studentId = studentIdOf.get(token.path("id").asInt(-1));
            if (studentId == null) continue;
            ObjectNode copy = token.deepCopy();
            copy.put("id", studentId);
            added.add(copy);
        }
        student.set("added_tokens", added);
        student.putNull("post_processor");
        return student;
    }
}
