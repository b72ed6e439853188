package com.practicalsystemdesign.systemtests.labs;

import java.util.ArrayList;
import java.util.List;

/** A table of evidence, printed with aligned columns under a ruled header. */
final class Table {

    private final List<List<String>> rows = new ArrayList<>();

    private Table(String... header) {
        rows.add(List.of(header));
    }

    static Table of(String... header) {
        return new Table(header);
    }

    Table row(Object... cells) {
        rows.add(List.of(cells).stream().map(LabRun::format).toList());
        return this;
    }

    String render(String indent) {
        int columns = rows.getFirst().size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int column = 0; column < columns; column++) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (int index = 0; index < rows.size(); index++) {
            StringBuilder line = new StringBuilder(indent);
            for (int column = 0; column < columns; column++) {
                String cell = rows.get(index).get(column);
                line.append(cell).append(" ".repeat(column == columns - 1 ? 0 : widths[column] - cell.length() + 2));
            }
            text.append(line.toString().stripTrailing()).append('\n');
            if (index == 0) {
                text.append(indent).append("-".repeat(line.length() - indent.length())).append('\n');
            }
        }
        return text.toString();
    }

}
