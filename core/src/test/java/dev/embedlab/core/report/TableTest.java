package dev.embedlab.core.report;

import dev.embedlab.core.report.Table.Column;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableTest {

    private static Table table() {
        return new Table(List.of(Column.left("label"), Column.right("NDCG@10"), Column.left("notes")));
    }

    @Test
    void ordinaryCellsAreWrittenAsTheyAre() {
        Table t = table().add("e5", "0.6123", "").add("exact", "1.0000", "3 failed queries");
        assertEquals("""
                | label | NDCG@10 | notes |
                |---|---:|---|
                | e5 | 0.6123 | |
                | exact | 1.0000 | 3 failed queries |
                """, t.markdown());
        assertEquals("""
                label,NDCG@10,notes
                e5,0.6123,
                exact,1.0000,3 failed queries
                """, t.csv());
    }

    @Test
    void markdownEscapesPipesAndLineBreaksSoEveryRowKeepsItsCells() {
        String md = table().add("a|b", "0.5", "first line\nsecond\r\nthird\rfourth").markdown();
        String row = md.lines().toList().get(2);
        assertEquals("| a\\|b | 0.5 | first line<br>second<br>third<br>fourth |", row);
        assertEquals(3, md.lines().count(), "one line per row");
        assertEquals(4, row.replace("\\|", "").chars().filter(c -> c == '|').count(), "three cells: four unescaped pipes");
    }

    @Test
    void csvQuotesCommasQuotesAndLineBreaksAsRfc4180() throws IOException {
        String csv = table().add("m16,n100", "0.5", "said \"hi\"\nthen left").add("plain", "0.1", "a\rb").csv();
        assertEquals("""
                label,NDCG@10,notes
                "m16,n100",0.5,"said ""hi""
                then left"
                plain,0.1,"a\rb"
                """, csv);
        List<List<String>> parsed = Rfc4180.parse(csv);
        assertEquals(List.of("m16,n100", "0.5", "said \"hi\"\nthen left"), parsed.get(1));
        assertEquals(List.of("plain", "0.1", "a\rb"), parsed.get(2));
    }

    @Test
    void headerCellsAreEscapedToo() {
        Table t = Table.withHeader(List.of("a,b", "c|d"));
        assertEquals("\"a,b\",c|d\n", t.csv());
        assertTrue(t.markdown().startsWith("| a,b | c\\|d |\n|---|---|\n"), t.markdown());
    }

    @Test
    void aRowOfTheWrongWidthOrWithANullCellIsRefused() {
        IllegalArgumentException wide = assertThrows(IllegalArgumentException.class, () -> table().add("a", "b"));
        assertEquals("a row of 2 cells in a table of 3 columns: [a, b]", wide.getMessage());
        IllegalArgumentException nul = assertThrows(IllegalArgumentException.class, () -> table().add("a", null, "c"));
        assertEquals("cell 1 (NDCG@10) is null", nul.getMessage());
    }

    /** A reader written from RFC 4180's grammar, independent of the writer, to show the CSV round-trips. */
    private static final class Rfc4180 {
        static List<List<String>> parse(String text) throws IOException {
            List<List<String>> records = new java.util.ArrayList<>();
            List<String> record = new java.util.ArrayList<>();
            StringBuilder field = new StringBuilder();
            StringReader in = new StringReader(text);
            boolean quoted = false;
            int c;
            while ((c = in.read()) != -1) {
                if (quoted) {
                    if (c == '"') {
                        in.mark(1);
                        if (in.read() == '"') field.append('"');
                        else {
                            in.reset();
                            quoted = false;
                        }
                    } else field.append((char) c);
                } else if (c == '"') quoted = true;
                else if (c == ',') {
                    record.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n') {
                    record.add(field.toString());
                    field.setLength(0);
                    records.add(record);
                    record = new java.util.ArrayList<>();
                } else field.append((char) c);
            }
            return records;
        }
    }
}
