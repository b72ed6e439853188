package com.practicalsystemdesign.systemtests.labs;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * What a reader of a lab's chart relies on: bars as long as their values, honest axes.
 */
class SvgChartTests {

    private static final Pattern BAR = Pattern
        .compile("<rect x=\"[\\d.]+\" y=\"[\\d.]+\" width=\"([\\d.]+)\" height=\"[\\d.]+\" fill=\"(?!none)");

    private static final Pattern TICK = Pattern.compile("text-anchor=\"middle\" font-size=\"11\">([^<]+)</text>");

    @Test
    void barsAreAsLongAsTheirValuesOnAnAxisOfWholeNumbers() {
        String svg = new SvgChart("t", "rounds", "").rows(List.of("without", "with"))
            .bars("lost", "red", 20, 0)
            .bars("kept", "blue", 10, 20)
            .toSvg();

        List<Double> widths = BAR.matcher(svg).results().map(bar -> Double.parseDouble(bar.group(1))).toList();
        assertThat(widths).hasSize(4);
        assertThat(widths.get(0)).isCloseTo(2 * widths.get(2), within(0.5));
        assertThat(widths.get(1)).as("a zero is a sliver, not nothing").isEqualTo(1);
        assertThat(ticks(svg)).contains("0", "20").allMatch(tick -> tick.matches("\\d+"));
    }

    @Test
    void aLogAxisEndsAtTheDecadeOfTheLargestValue() {
        String svg = new SvgChart("t", "misses", "loads").logX()
            .logY()
            .line("off", "red", List.of(new double[] { 1, 1 }, new double[] { 10, 10 }, new double[] { 100, 100 }))
            .toSvg();

        assertThat(ticks(svg)).contains("1", "10", "100").doesNotContain("1000");
    }

    /** The x axis's tick labels (and the centred titles, which are not numbers). */
    private static List<String> ticks(String svg) {
        Matcher tick = TICK.matcher(svg);
        return tick.results().map(match -> match.group(1)).filter(text -> text.matches("[\\d.]+")).toList();
    }

}
