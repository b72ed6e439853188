package com.practicalsystemdesign.systemtests.labs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A lab's chart as an SVG file: series of points drawn as lines or dots on linear or
 * logarithmic axes, with dashed vertical markers for events and, optionally, named rows
 * instead of a numeric y axis, each row with a bar per bar series. Small on purpose: a
 * reader sees how each mark is placed.
 */
final class SvgChart {

    private static final int WIDTH = 800;

    private static final int HEIGHT = 400;

    private static final int TOP = 40;

    private static final int BOTTOM = 50;

    private static final int RIGHT = 20;

    private final String title;

    private final String xLabel;

    private final String yLabel;

    private final List<Series> series = new ArrayList<>();

    private final List<Marker> markers = new ArrayList<>();

    private boolean logX;

    private boolean logY;

    private List<String> rows = List.of();

    SvgChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    SvgChart logX() {
        logX = true;
        return this;
    }

    SvgChart logY() {
        logY = true;
        return this;
    }

    /** Names rows 1..n of the y axis, from the top down. */
    SvgChart rows(List<String> names) {
        rows = List.copyOf(names);
        return this;
    }

    SvgChart line(String name, String color, List<double[]> points) {
        series.add(new Series(name, color, points, true, false));
        return this;
    }

    SvgChart dots(String name, String color, List<double[]> points) {
        series.add(new Series(name, color, points, false, false));
        return this;
    }

    /**
     * A bar per named row, its length {@code values[row]}, beside the other bar series.
     */
    SvgChart bars(String name, String color, double... values) {
        List<double[]> points = new ArrayList<>();
        for (int row = 0; row < values.length; row++) {
            points.add(new double[] { values[row], row + 1 });
        }
        series.add(new Series(name, color, points, false, true));
        return this;
    }

    SvgChart marker(double x, String label, String color) {
        markers.add(new Marker(x, label, color));
        return this;
    }

    String toSvg() {
        int left = rows.isEmpty() ? 70 : 8 + 7 * rows.stream().mapToInt(String::length).max().orElse(0);
        Axis x = axis(logX, series.stream().flatMap(s -> s.points().stream()).mapToDouble(p -> p[0]).toArray(),
                markers.stream().mapToDouble(Marker::x).toArray(), left, WIDTH - RIGHT);
        Axis y = rows.isEmpty()
                ? axis(logY, series.stream().flatMap(s -> s.points().stream()).mapToDouble(p -> p[1]).toArray(),
                        new double[] { logY ? 1 : 0 }, HEIGHT - BOTTOM, TOP)
                : rowAxis();
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                        + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n",
                WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        text(svg, WIDTH / 2.0, 20, "middle", 13, title);
        text(svg, (left + WIDTH - RIGHT) / 2.0, HEIGHT - 10, "middle", 11, xLabel);
        if (!yLabel.isEmpty()) {
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"14\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 14 %.1f)\">%s</text>%n",
                    (TOP + HEIGHT - BOTTOM) / 2.0, (TOP + HEIGHT - BOTTOM) / 2.0, escape(yLabel)));
        }
        for (double tick : x.ticks()) {
            double at = x.place(tick);
            svg.append(line(at, TOP, at, HEIGHT - BOTTOM, "#ddd", ""));
            text(svg, at, HEIGHT - BOTTOM + 15, "middle", 11, number(tick));
        }
        if (rows.isEmpty()) {
            for (double tick : y.ticks()) {
                double at = y.place(tick);
                svg.append(line(left, at, WIDTH - RIGHT, at, "#ddd", ""));
                text(svg, left - 5, at + 4, "end", 11, number(tick));
            }
        }
        else {
            for (int row = 0; row < rows.size(); row++) {
                text(svg, left - 5, y.place(row + 1) + 4, "end", 11, rows.get(row));
            }
        }
        svg.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" " + "stroke=\"#333\"/>%n", left, TOP,
                WIDTH - RIGHT - left, HEIGHT - BOTTOM - TOP));
        for (Marker marker : markers) {
            double at = x.place(marker.x());
            svg.append(line(at, TOP, at, HEIGHT - BOTTOM, marker.color(), " stroke-dasharray=\"5,4\""));
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" fill=\"%s\" font-size=\"9\" transform=\"rotate(-90 %.1f %d)\" "
                            + "text-anchor=\"end\">%s</text>%n",
                    at + 10, TOP + 4, marker.color(), at + 10, TOP + 4, escape(marker.label())));
        }
        List<Series> bars = series.stream().filter(Series::bar).toList();
        for (Series each : series) {
            if (each.bar()) {
                drawBars(svg, each, bars.indexOf(each), bars.size(), x, y);
            }
            else {
                draw(svg, each, x, y);
            }
        }
        legend(svg, left);
        return svg.append("</svg>\n").toString();
    }

    private void draw(StringBuilder svg, Series each, Axis x, Axis y) {
        if (each.joined()) {
            StringBuilder points = new StringBuilder();
            for (double[] point : each.points()) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.place(point[0]), y.place(point[1])));
            }
            svg.append(String.format(Locale.ROOT,
                    "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                    points.toString().strip(), each.color()));
        }
        double radius = each.joined() && each.points().size() > 20 ? 0 : each.joined() ? 3.5 : 2;
        for (double[] point : each.points()) {
            if (radius > 0) {
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"/>%n",
                        x.place(point[0]), y.place(point[1]), radius, each.color()));
            }
        }
    }

    /**
     * The bars of one series, each labelled with its value: the bar series share
     * three-fifths of a row's height, side by side.
     */
    private static void drawBars(StringBuilder svg, Series each, int index, int count, Axis x, Axis y) {
        double thickness = Math.abs(y.place(1) - y.place(2)) * 0.6 / count;
        for (double[] point : each.points()) {
            double top = y.place(point[1]) - thickness * count / 2 + thickness * index;
            double from = x.place(0);
            double to = x.place(point[0]);
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>%n", from, top,
                    Math.max(to - from, 1), thickness - 2, each.color()));
            text(svg, Math.max(to, from + 1) + 4, top + thickness / 2 + 3, "start", 11, number(point[0]));
        }
    }

    private void legend(StringBuilder svg, int left) {
        double at = TOP + 16;
        for (Series each : series) {
            if (each.name().isEmpty()) {
                continue;
            }
            svg.append(line(left + 10, at - 4, left + 30, at - 4, each.color(), " stroke-width=\"3\""));
            text(svg, left + 36, at, "start", 11, each.name());
            at += 16;
        }
    }

    /** Rows 1..n from the top down, below the legend's lines. */
    private Axis rowAxis() {
        long named = series.stream().filter(each -> !each.name().isEmpty()).count();
        double legend = named == 0 ? 0 : 16 * named + 8;
        double perRow = (HEIGHT - BOTTOM - TOP - legend) / rows.size();
        return new Axis(false, rows.size() + 0.5, 0.5 - legend / perRow, 0, HEIGHT - BOTTOM, TOP);
    }

    private static Axis axis(boolean log, double[] values, double[] extra, double from, double to) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (double[] set : new double[][] { values, extra }) {
            for (double value : set) {
                if (!log || value > 0) {
                    min = Math.min(min, value);
                    max = Math.max(max, value);
                }
            }
        }
        if (min == Double.MAX_VALUE) {
            min = log ? 1 : 0;
            max = min + 1;
        }
        if (log) {
            return new Axis(true, Math.pow(10, Math.floor(Math.log10(min))),
                    Math.pow(10, Math.ceil(Math.log10(max) - 1e-9)), 0, from, to);
        }
        // Counts get whole-number ticks.
        double minStep = Arrays.stream(values).allMatch(value -> value == Math.rint(value)) ? 1 : 0;
        double step = Math.max(niceStep((max - Math.min(min, 0)) / 5), minStep);
        return new Axis(false, Math.floor(Math.min(min, 0) / step) * step, Math.ceil(max * 1.05 / step) * step, minStep,
                from, to);
    }

    private static double niceStep(double rough) {
        if (rough <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        double fraction = rough / magnitude;
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;
    }

    private static String line(double x1, double y1, double x2, double y2, String color, String extra) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>%n",
                x1, y1, x2, y2, color, extra);
    }

    private static void text(StringBuilder svg, double x, double y, String anchor, int size, String text) {
        svg.append(String.format(Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\">%s</text>%n", x, y, anchor, size,
                escape(text)));
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.2g", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private record Series(String name, String color, List<double[]> points, boolean joined, boolean bar) {
    }

    private record Marker(double x, String label, String color) {
    }

    /**
     * Maps data values in [min, max] to pixels in [from, to], with ticks at least
     * {@code minStep} apart on a linear axis.
     */
    private record Axis(boolean log, double min, double max, double minStep, double from, double to) {

        double place(double value) {
            double share = log
                    ? (Math.log10(Math.max(value, min)) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
                    : (value - min) / (max - min);
            return from + share * (to - from);
        }

        List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            if (log) {
                for (double tick = min; tick <= max * 1.0001; tick *= 10) {
                    ticks.add(tick);
                }
            }
            else {
                double step = Math.max(niceStep((max - min) / 5), minStep);
                for (double tick = min; tick <= max + step / 1000; tick += step) {
                    ticks.add(Math.round(tick / step) * step);
                }
            }
            return ticks;
        }

    }

}
