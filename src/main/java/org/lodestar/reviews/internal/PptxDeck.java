package org.lodestar.reviews.internal;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.poi.sl.usermodel.PictureData;
import org.apache.poi.sl.usermodel.TextParagraph;
import org.apache.poi.sl.usermodel.VerticalAlignment;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFAutoShape;
import org.apache.poi.xslf.usermodel.XSLFPictureData;
import org.apache.poi.xslf.usermodel.XSLFPictureShape;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTable;
import org.apache.poi.xslf.usermodel.XSLFTableCell;
import org.apache.poi.xslf.usermodel.XSLFTableRow;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.apache.poi.xslf.usermodel.XSLFTextParagraph;
import org.apache.poi.xslf.usermodel.XSLFTextRun;
import org.apache.poi.sl.usermodel.ShapeType;
import org.lodestar.reviews.ReviewPack;

/**
 * The pack as a 16:9 PPTX deck (Apache POI XSLF): a title per slide, the blocks stacked below it, and the account,
 * kind and quarter in the footer with the slide number.
 */
public final class PptxDeck {

    static final int WIDTH = 960;
    static final int HEIGHT = 540;
    private static final int MARGIN = 40;
    private static final int BODY_TOP = 96;
    private static final int BODY_BOTTOM = 490;
    private static final int GAP = 12;
    private static final Color INK = new Color(0x1f, 0x3a, 0x5f);
    private static final Color ACCENT = new Color(0x2e, 0x86, 0xc1);
    private static final Color GREY = new Color(0x6b, 0x72, 0x80);
    private static final Color LINE = new Color(0xd1, 0xd5, 0xdb);
    private static final Color TILE = new Color(0xee, 0xf4, 0xfa);
    private static final String FONT = "Liberation Sans";

    private PptxDeck() {
    }

    public static byte[] render(ReviewPack pack, List<PackLayout.Slide> slides) {
        try (XMLSlideShow deck = new XMLSlideShow(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            deck.setPageSize(new Dimension(WIDTH, HEIGHT));
            int number = 0;
            for (PackLayout.Slide content : slides) {
                number++;
                XSLFSlide slide = deck.createSlide();
                if (content.title().isEmpty()) {
                    titleSlide(slide, content);
                } else {
                    body(deck, slide, content);
                }
                footer(slide, PackLayout.footer(pack), number, slides.size());
            }
            deck.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void titleSlide(XSLFSlide slide, PackLayout.Slide content) {
        XSLFAutoShape band = slide.createAutoShape();
        band.setShapeType(ShapeType.RECT);
        band.setAnchor(new Rectangle2D.Double(0, 0, WIDTH, 12));
        band.setFillColor(ACCENT);
        band.setLineColor(ACCENT);
        double y = 150;
        for (PackLayout.Block block : content.blocks()) {
            PackLayout.Text text = (PackLayout.Text) block;
            double height = text.size() * 1.6 + 10;
            text(slide, text.text(), MARGIN + 20, y, WIDTH - 2 * MARGIN - 40, height, text.size(), text.bold(),
                    text.size() >= 40 ? INK : GREY);
            y += height + 8;
        }
    }

    private static void body(XMLSlideShow deck, XSLFSlide slide, PackLayout.Slide content) {
        text(slide, content.title(), MARGIN, 28, WIDTH - 2 * MARGIN, 48, 28, true, INK);
        XSLFAutoShape rule = slide.createAutoShape();
        rule.setShapeType(ShapeType.RECT);
        rule.setAnchor(new Rectangle2D.Double(MARGIN, 80, 80, 4));
        rule.setFillColor(ACCENT);
        rule.setLineColor(ACCENT);
        double y = BODY_TOP;
        double width = WIDTH - 2 * MARGIN;
        List<PackLayout.Block> blocks = content.blocks();
        for (int i = 0; i < blocks.size(); i++) {
            PackLayout.Block block = blocks.get(i);
            double left = BODY_BOTTOM - y;
            double below = blocks.subList(i + 1, blocks.size()).stream().mapToDouble(b -> height(b, width)).sum();
            y += switch (block) {
                case PackLayout.Text t -> {
                    PackLayout.Fitted fitted = PackLayout.fit(t.text(), t.size(), width, left - below);
                    double h = PackLayout.textHeight(fitted.text(), fitted.size(), width);
                    text(slide, fitted.text(), MARGIN, y, width, h, fitted.size(), t.bold(), Color.BLACK);
                    yield h + GAP;
                }
                case PackLayout.Table t -> table(slide, t, y, width) + GAP;
                case PackLayout.KeyFigures k -> tiles(slide, k, y, width) + GAP;
                case PackLayout.Columns c -> columns(slide, c, y, width, left) + GAP;
                case PackLayout.Charts c -> charts(deck, slide, c, y, width, left - below) + GAP;
            };
        }
    }

    /** The height a text or table block takes (what a chart above it leaves room for). */
    static double height(PackLayout.Block block, double width) {
        return switch (block) {
            case PackLayout.Text t -> PackLayout.textHeight(t.text(), t.size(), width) + GAP;
            case PackLayout.Table t -> 22 * (t.rows().size() + 1) + GAP;
            default -> 0;
        };
    }

    private static XSLFTextBox text(XSLFSlide slide, String text, double x, double y, double w, double h, int size,
            boolean bold, Color color) {
        XSLFTextBox box = slide.createTextBox();
        box.setAnchor(new Rectangle2D.Double(x, y, w, h));
        box.setWordWrap(true);
        box.setVerticalAlignment(VerticalAlignment.TOP);
        box.clearText();
        for (String line : text.split("\n", -1)) {
            XSLFTextParagraph p = box.addNewTextParagraph();
            String shown = line;
            if (line.startsWith("- ")) {
                p.setBullet(true);
                p.setIndent(-12.0);
                p.setLeftMargin(14.0);
                shown = line.substring(2);
            }
            XSLFTextRun run = p.addNewTextRun();
            run.setText(shown);
            run.setFontSize((double) size);
            run.setBold(bold);
            run.setFontColor(color);
            run.setFontFamily(FONT);
        }
        return box;
    }

    private static double table(XSLFSlide slide, PackLayout.Table t, double y, double width) {
        XSLFTable table = slide.createTable();
        int total = t.weights().stream().mapToInt(Integer::intValue).sum();
        double rowHeight = 22;
        boolean[] numeric = numericColumns(t);
        if (t.header().size() <= 2) {
            width = width * 0.6;
        }
        addRow(table, t.header(), numeric, true, false, rowHeight);
        for (int i = 0; i < t.rows().size(); i++) {
            addRow(table, t.rows().get(i), numeric, false, t.total() && i == t.rows().size() - 1, rowHeight);
        }
        for (int c = 0; c < t.header().size(); c++) {
            table.setColumnWidth(c, width * t.weights().get(c) / total);
        }
        double height = rowHeight * (t.rows().size() + 1);
        table.setAnchor(new Rectangle2D.Double(MARGIN, y, width, height));
        return height;
    }

    /** Columns whose every cell is a number: right-aligned, header included. */
    static boolean[] numericColumns(PackLayout.Table t) {
        boolean[] numeric = new boolean[t.header().size()];
        for (int c = 1; c < numeric.length; c++) {
            int column = c;
            numeric[c] = !t.rows().isEmpty() && t.rows().stream().allMatch(r -> looksNumeric(r.get(column)));
        }
        return numeric;
    }

    private static void addRow(XSLFTable table, List<String> cells, boolean[] numeric, boolean header, boolean total,
            double height) {
        XSLFTableRow row = table.addRow();
        row.setHeight(height);
        for (int c = 0; c < cells.size(); c++) {
            XSLFTableCell cell = row.addCell();
            cell.setVerticalAlignment(VerticalAlignment.MIDDLE);
            cell.setTopInset(2.0);
            cell.setBottomInset(2.0);
            XSLFTextParagraph p = cell.addNewTextParagraph();
            if (numeric[c]) {
                p.setTextAlign(TextParagraph.TextAlign.RIGHT);
            }
            XSLFTextRun run = p.addNewTextRun();
            run.setText(cells.get(c));
            run.setFontSize(12.0);
            run.setFontFamily(FONT);
            run.setBold(header || total);
            run.setFontColor(header ? Color.WHITE : Color.BLACK);
            if (header) {
                cell.setFillColor(INK);
            } else if (total) {
                cell.setFillColor(TILE);
            }
            cell.setBorderColor(org.apache.poi.sl.usermodel.TableCell.BorderEdge.bottom, LINE);
        }
    }

    /** An amount, count or figure with its unit: right-aligned in its column. */
    static boolean looksNumeric(String text) {
        return text.matches("[−+\\-]?[^0-9\\s]{0,3}[0-9][0-9,.]*( [A-Za-z%]{1,20})?");
    }

    private static double tiles(XSLFSlide slide, PackLayout.KeyFigures k, double y, double width) {
        int n = k.figures().size();
        double gap = 16;
        double w = (width - gap * (n - 1)) / n;
        double h = 86;
        for (int i = 0; i < n; i++) {
            double x = MARGIN + i * (w + gap);
            XSLFAutoShape tile = slide.createAutoShape();
            tile.setShapeType(ShapeType.RECT);
            tile.setAnchor(new Rectangle2D.Double(x, y, w, h));
            tile.setFillColor(TILE);
            tile.setLineColor(TILE);
            text(slide, k.figures().get(i).value(), x + 8, y + 8, w - 16, 40, 24, true, INK);
            text(slide, k.figures().get(i).label(), x + 8, y + 50, w - 16, 30, 12, false, GREY);
        }
        return h;
    }

    private static double columns(XSLFSlide slide, PackLayout.Columns c, double y, double width, double left) {
        int n = c.columns().size();
        double gap = 24;
        double w = (width - gap * (n - 1)) / n;
        for (int i = 0; i < n; i++) {
            double x = MARGIN + i * (w + gap);
            text(slide, c.columns().get(i).heading(), x, y, w, 30, 18, true, INK);
            PackLayout.Fitted fitted = PackLayout.fit(c.columns().get(i).text(), 14, w, left - 40);
            text(slide, fitted.text(), x, y + 36, w, left - 40, fitted.size(), false, Color.BLACK);
        }
        return left;
    }

    private static double charts(XMLSlideShow deck, XSLFSlide slide, PackLayout.Charts c, double y, double width, double left) {
        int n = c.charts().size();
        double gap = 20;
        double w = (width - gap * (n - 1)) / n;
        double h = Math.min(w * 2 / 3, left - 24);
        for (int i = 0; i < n; i++) {
            PackLayout.Chart chart = c.charts().get(i);
            double x = MARGIN + i * (w + gap);
            text(slide, chart.caption(), x, y, w, 24, 14, true, INK);
            if (chart.png() == null) {
                text(slide, chart.empty(), x, y + 60, w, 30, 14, false, GREY);
            } else {
                XSLFPictureData data = deck.addPicture(chart.png(), PictureData.PictureType.PNG);
                XSLFPictureShape picture = slide.createPicture(data);
                picture.setAnchor(new Rectangle2D.Double(x + (w - 1.5 * h) / 2, y + 24, 1.5 * h, h));
            }
        }
        return h + 24;
    }

    private static void footer(XSLFSlide slide, String footer, int number, int of) {
        text(slide, footer, MARGIN, HEIGHT - 36, 700, 24, 11, false, GREY);
        XSLFTextBox page = text(slide, number + " / " + of, WIDTH - MARGIN - 100, HEIGHT - 36, 100, 24, 11, false, GREY);
        page.getTextParagraphs().forEach(p -> p.setTextAlign(TextParagraph.TextAlign.RIGHT));
    }
}
