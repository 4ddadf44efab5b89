package io.github.privatenumber.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws throughput against concurrency (log2 axis) as a PNG with plain {@code java.awt} in headless mode: one line
 * per arm, the bare baselines dashed.
 */
final class ScalingChart {

    private static final int WIDTH = 960;
    private static final int HEIGHT = 560;
    private static final int LEFT = 90;
    private static final int RIGHT = 250;
    private static final int TOP = 60;
    private static final int BOTTOM = 70;
    private static final Color[] COLORS = {
        new Color(0x1f77b4), new Color(0x1f77b4), new Color(0xd62728), new Color(0xd62728)};

    private ScalingChart() {
    }

    /**
     * @param title the chart's title
     * @param series name to points ({@code [concurrency, requests per second]}), in legend order; a name containing
     *     "bare" is drawn dashed
     */
    static void write(Path file, String title, Map<String, List<double[]>> series) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);

            double maxX = 1;
            double maxY = 1;
            for (List<double[]> points : series.values()) {
                for (double[] p : points) {
                    maxX = Math.max(maxX, p[0]);
                    maxY = Math.max(maxY, p[1]);
                }
            }
            double yTop = niceCeiling(maxY * 1.08);
            int log2MaxX = (int) Math.ceil(Math.log(maxX) / Math.log(2));
            int plotW = WIDTH - LEFT - RIGHT;
            int plotH = HEIGHT - TOP - BOTTOM;

            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
            g.setColor(Color.BLACK);
            g.drawString(title, LEFT, 32);

            // grid and y labels
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            FontMetrics fm = g.getFontMetrics();
            for (int i = 0; i <= 5; i++) {
                double v = yTop * i / 5;
                int y = TOP + plotH - (int) Math.round(plotH * v / yTop);
                g.setColor(new Color(0xdddddd));
                g.drawLine(LEFT, y, LEFT + plotW, y);
                g.setColor(Color.DARK_GRAY);
                String label = String.format(Locale.ROOT, "%,.0f", v);
                g.drawString(label, LEFT - 8 - fm.stringWidth(label), y + 5);
            }
            // x ticks: powers of two
            for (int k = 0; k <= log2MaxX; k++) {
                int x = xOf(1 << k, log2MaxX, plotW);
                g.setColor(new Color(0xeeeeee));
                g.drawLine(x, TOP, x, TOP + plotH);
                g.setColor(Color.DARK_GRAY);
                String label = Integer.toString(1 << k);
                g.drawString(label, x - fm.stringWidth(label) / 2, TOP + plotH + 20);
            }
            g.setColor(Color.BLACK);
            g.drawRect(LEFT, TOP, plotW, plotH);
            String xTitle = "concurrent callers (threads), log scale";
            g.drawString(xTitle, LEFT + plotW / 2 - fm.stringWidth(xTitle) / 2, TOP + plotH + 45);
            Graphics2D rotated = (Graphics2D) g.create();
            rotated.rotate(-Math.PI / 2);
            String yTitle = "requests per second";
            rotated.drawString(yTitle, -(TOP + plotH / 2) - fm.stringWidth(yTitle) / 2, 22);
            rotated.dispose();

            int legendY = TOP + 10;
            int index = 0;
            for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
                Color color = COLORS[index % COLORS.length];
                boolean dashed = e.getKey().contains("bare");
                g.setStroke(dashed ? new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                        new float[] {8f, 6f}, 0f) : new BasicStroke(2.6f));
                g.setColor(color);
                int[] xs = new int[e.getValue().size()];
                int[] ys = new int[xs.length];
                for (int i = 0; i < xs.length; i++) {
                    double[] p = e.getValue().get(i);
                    xs[i] = xOf(p[0], log2MaxX, plotW);
                    ys[i] = TOP + plotH - (int) Math.round(plotH * p[1] / yTop);
                }
                g.drawPolyline(xs, ys, xs.length);
                g.setStroke(new BasicStroke(1f));
                for (int i = 0; i < xs.length; i++) {
                    if (dashed) {
                        g.drawRect(xs[i] - 3, ys[i] - 3, 6, 6);
                    } else {
                        g.fillOval(xs[i] - 4, ys[i] - 4, 8, 8);
                    }
                }
                // legend
                int lx = LEFT + plotW + 16;
                g.setStroke(dashed ? new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                        new float[] {8f, 6f}, 0f) : new BasicStroke(2.6f));
                g.drawLine(lx, legendY, lx + 30, legendY);
                g.setColor(Color.BLACK);
                g.drawString(e.getKey(), lx + 38, legendY + 5);
                legendY += 24;
                index++;
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", file.toFile());
    }

    private static int xOf(double x, int log2MaxX, int plotW) {
        double pos = log2MaxX == 0 ? 0 : (Math.log(x) / Math.log(2)) / log2MaxX;
        return LEFT + 20 + (int) Math.round((plotW - 40) * pos);
    }

    private static double niceCeiling(double v) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= v) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** An ordered map, for callers. */
    static Map<String, List<double[]>> newSeries() {
        return new LinkedHashMap<>();
    }
}
