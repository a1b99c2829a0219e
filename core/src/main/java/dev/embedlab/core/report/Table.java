package dev.embedlab.core.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A table of text cells written as GitHub Markdown or as CSV (RFC 4180), the one table writer of the reports.
 * Cells are escaped, so a label holding a pipe, comma, quote or line break cannot shift or split a row:
 * Markdown gets {@code \|} and {@code <br>}, CSV quotes such a cell and doubles its quotes. Numbers are formatted
 * by the caller; the table only places and escapes them.
 */
public final class Table {

    /** A column: its header text and whether Markdown aligns it right (numbers) or left (text). */
    public record Column(String name, boolean alignRight) {

        public static Column left(String name) {
            return new Column(name, false);
        }

        public static Column right(String name) {
            return new Column(name, true);
        }
    }

    private final List<Column> columns;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(List<Column> columns) {
        if (columns.isEmpty()) throw new IllegalArgumentException("a table needs at least one column");
        this.columns = List.copyOf(columns);
    }

    /** A table whose columns are all left-aligned: for tables only written as CSV. */
    public static Table withHeader(List<String> names) {
        return new Table(names.stream().map(Column::left).toList());
    }

    /** Adds a row of exactly one cell per column; an empty string is an empty cell. */
    public Table add(List<String> cells) {
        if (cells.size() != columns.size()) {
            throw new IllegalArgumentException("a row of " + cells.size() + " cells in a table of " + columns.size()
                    + " columns: " + cells);
        }
        for (int i = 0; i < cells.size(); i++) {
            if (cells.get(i) == null) throw new IllegalArgumentException("cell " + i + " (" + columns.get(i).name() + ") is null");
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    public Table add(String... cells) {
        return add(Arrays.asList(cells));
    }

    /** Header, alignment line and rows, each line ending in a newline. An empty cell is written as {@code | |}. */
    public String markdown() {
        StringBuilder s = new StringBuilder();
        markdownRow(s, columns.stream().map(Column::name).toList());
        s.append('|');
        for (Column c : columns) s.append(c.alignRight() ? "---:|" : "---|");
        s.append('\n');
        for (List<String> row : rows) markdownRow(s, row);
        return s.toString();
    }

    /** Header and rows, comma-separated, each line ending in {@code \n}. */
    public String csv() {
        StringBuilder s = new StringBuilder();
        csvRow(s, columns.stream().map(Column::name).toList());
        for (List<String> row : rows) csvRow(s, row);
        return s.toString();
    }

    private static void markdownRow(StringBuilder s, List<String> cells) {
        s.append('|');
        for (String cell : cells) s.append(cell.isEmpty() ? " |" : " " + markdownCell(cell) + " |");
        s.append('\n');
    }

    private static void csvRow(StringBuilder s, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) s.append(',');
            s.append(csvCell(cells.get(i)));
        }
        s.append('\n');
    }

    /** A pipe would end the cell and a line break the row: {@code \|} and {@code <br>} keep both inside. */
    static String markdownCell(String value) {
        return value.replace("|", "\\|").replace("\r\n", "<br>").replace("\n", "<br>").replace("\r", "<br>");
    }

    /** RFC 4180: a cell holding a comma, quote or line break is quoted, its quotes doubled; others are as they are. */
    static String csvCell(String value) {
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
