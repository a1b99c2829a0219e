package dev.embedlab.lab.distill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedlab.staticembed.InvalidModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TeacherVocabularyTest {

    @TempDir
    Path dir;

    static final String BERT_LIKE = """
            {"version":"1.0","truncation":null,"padding":null,
             "added_tokens":[{"id":0,"content":"[PAD]","special":true},{"id":3,"content":"[UNK]","special":true},
                             {"id":4,"content":"[CLS]","special":true},{"id":5,"content":"[SEP]","special":true}],
             "normalizer":{"type":"BertNormalizer","clean_text":true,"handle_chinese_chars":true,"strip_accents":null,"lowercase":true},
             "pre_tokenizer":{"type":"BertPreTokenizer"},
             "post_processor":{"type":"TemplateProcessing",
                "single":[{"SpecialToken":{"id":"[CLS]","type_id":0}},{"Sequence":{"id":"A","type_id":0}},{"SpecialToken":{"id":"[SEP]","type_id":0}}],
                "pair":[],
                "special_tokens":{"[CLS]":{"id":"[CLS]","ids":[4],"tokens":["[CLS]"]},"[SEP]":{"id":"[SEP]","ids":[5],"tokens":["[SEP]"]}}},
             "decoder":null,
             "model":{"type":"WordPiece","unk_token":"[UNK]","continuing_subword_prefix":"##","max_input_chars_per_word":100,
                      "vocab":{"[PAD]":0,"[unused0]":1,"[unused1]":2,"[UNK]":3,"[CLS]":4,"[SEP]":5,"hello":6,"##s":7}}}
            """;

    @Test
    void removesUnusedTokensRenumbersAndWrapsInClsSep() throws IOException {
        Path file = Files.writeString(dir.resolve("tokenizer.json"), BERT_LIKE);
        TeacherVocabulary vocabulary = TeacherVocabulary.read(file, DistillSettings.MODEL2VEC_REMOVE_PATTERN);
        assertEquals(6, vocabulary.size());
        assertEquals(2, vocabulary.removed());
        assertEquals("hello", vocabulary.token(4));
        assertArrayEquals(new long[] {4, 6, 5}, vocabulary.teacherInput(4), "[CLS] hello [SEP] in teacher ids");

        JsonNode student = vocabulary.studentTokenizer();
        assertTrue(student.get("post_processor").isNull());
        assertEquals(new ObjectMapper().readTree("{\"[PAD]\":0,\"[UNK]\":1,\"[CLS]\":2,\"[SEP]\":3,\"hello\":4,\"##s\":5}"),
                     student.get("model").get("vocab"));
        assertEquals(1, student.get("added_tokens").get(1).get("id").asInt(), "[UNK] remapped");
        assertEquals("BertNormalizer", student.get("normalizer").get("type").asText(), "everything else is the teacher's");
    }

    @Test
    void bertProcessingAlsoGivesTheSpecialIds() throws IOException {
        String json = BERT_LIKE.replaceFirst("\"post_processor\":\\{\"type\":\"TemplateProcessing\",[\\s\\S]*?\"decoder\"",
                                             "\"post_processor\":{\"type\":\"BertProcessing\",\"sep\":[\"[SEP]\",5],\"cls\":[\"[CLS]\",4]},\"decoder\"");
        Path file = Files.writeString(dir.resolve("tokenizer.json"), json);
        assertArrayEquals(new long[] {4, 7, 5}, TeacherVocabulary.read(file, DistillSettings.MODEL2VEC_REMOVE_PATTERN).teacherInput(5));
    }

    @Test
    void nonWordPieceTeachersAreRejected() throws IOException {
        Path file = Files.writeString(dir.resolve("tokenizer.json"), BERT_LIKE.replace("\"type\":\"WordPiece\"", "\"type\":\"BPE\""));
        InvalidModelException e = assertThrows(InvalidModelException.class,
                                                () -> TeacherVocabulary.read(file, DistillSettings.MODEL2VEC_REMOVE_PATTERN));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains("'BPE'"), e.getMessage());
    }
}
