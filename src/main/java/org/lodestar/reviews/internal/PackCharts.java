package org.lodestar.reviews.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.lodestar.reviews.ReviewPack;

/**
 * The pack's charts drawn on the server as PNG (XChart): health by day, usage by week and, for an EBR, ARR at each
 * year's end and health by quarter. A chart with nothing to draw is null; the renderers say so in words instead.
 */
public record PackCharts(byte[] health, byte[] usage, byte[] arrByYear, byte[] healthByQuarter) {

    static final int WIDTH = 1200;
    static final int HEIGHT = 800;
    private static final Color INK = new Color(0x1f, 0x3a, 0x5f);
    private static final Color ACCENT = new Color(0x2e, 0x86, 0xc1);
    private static final Color SOFT = new Color(0x9b, 0xc4, 0xe2);

    public static PackCharts of(ReviewPack pack) {
        System.setProperty("java.awt.headless", "true");
        return new PackCharts(health(pack.trends().health()), usage(pack.trends().usage()),
                pack.longView() == null ? null : arrByYear(pack.longView().years()),
                pack.longView() == null ? null : healthByQuarter(pack.longView().health()));
    }

    private static byte[] health(List<ReviewPack.HealthPoint> points) {
        if (points.isEmpty()) {
            return null;
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).xAxisTitle("").yAxisTitle("Health score").build();
        style(chart);
        chart.getStyler().setDatePattern(datePattern(points.getFirst().day(), points.getLast().day()));
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(100.0);
        List<Date> days = points.stream().map(p -> Date.from(p.day().atStartOfDay().toInstant(ZoneOffset.UTC))).toList();
        List<Double> scores = points.stream().map(p -> p.score().doubleValue()).toList();
        XYSeries series = chart.addSeries("Health score", days, scores);
        series.setMarker(SeriesMarkers.NONE).setLineColor(INK).setLineStyle(new BasicStroke(3f));
        return png(chart);
    }

    private static byte[] usage(List<ReviewPack.UsageWeek> weeks) {
        if (weeks.isEmpty()) {
            return null;
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).xAxisTitle("").yAxisTitle("Active users (daily average)")
                .build();
        style(chart);
        chart.getStyler().setDatePattern(datePattern(weeks.getFirst().weekOf(), weeks.getLast().weekOf()));
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisMin(0.0);
        List<Date> days = weeks.stream().map(w -> Date.from(w.weekOf().atStartOfDay().toInstant(ZoneOffset.UTC))).toList();
        List<Double> users = weeks.stream().map(w -> w.activeUsers().doubleValue()).toList();
        XYSeries series = chart.addSeries("Active users", days, users);
        series.setMarker(SeriesMarkers.NONE).setLineColor(ACCENT).setLineStyle(new BasicStroke(3f));
        return png(chart);
    }

    private static byte[] arrByYear(List<ReviewPack.YearArr> years) {
        if (years.isEmpty()) {
            return null;
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).xAxisTitle("").yAxisTitle("ARR at year end")
                .build();
        style(chart);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisDecimalPattern("#,##0");
        chart.addSeries("ARR", years.stream().map(y -> String.valueOf(y.year())).toList(),
                years.stream().map(y -> (Number) y.end().doubleValue()).toList()).setFillColor(INK);
        return png(chart);
    }

    /** Months over a long span; days when the points fall within a few months (else the axis has no labels). */
    static String datePattern(java.time.LocalDate first, java.time.LocalDate last) {
        return java.time.temporal.ChronoUnit.DAYS.between(first, last) > 120 ? "MMM yy" : "d MMM";
    }

    private static byte[] healthByQuarter(List<ReviewPack.QuarterHealth> all) {
        List<ReviewPack.QuarterHealth> quarters = all.stream().filter(q -> q.averageScore() != null).toList();
        if (quarters.isEmpty()) {
            return null;
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).xAxisTitle("")
                .yAxisTitle("Average health score").build();
        style(chart);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(100.0);
        chart.addSeries("Health", quarters.stream().map(ReviewPack.QuarterHealth::quarter).toList(), quarters.stream()
                .map(q -> (Number) q.averageScore().doubleValue()).toList())
                .setFillColor(SOFT);
        return png(chart);
    }

    private static void style(Chart<?, ?> chart) {
        Styler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        styler.setChartTitleVisible(false);
        styler.setChartPadding(20);
        styler.setBaseFont(new Font(Font.SANS_SERIF, Font.PLAIN, 22));
        if (styler instanceof org.knowm.xchart.style.AxesChartStyler axes) {
            axes.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 20));
            axes.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 20));
            axes.setPlotGridVerticalLinesVisible(false);
            axes.setAxisTickLabelsColor(Color.DARK_GRAY);
        }
    }

    private static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
