package org.lodestar.reviews.internal;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.util.List;

import org.lodestar.reviews.ReviewPack;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfWriter;

/**
 * The pack as a PDF (OpenPDF): one 16:9 page per slide, the same blocks in the same order, the footer on every page.
 * Text is set in Helvetica; characters outside its encoding are written the nearest way it can (− as -).
 */
public final class PdfReport {

    private static final float WIDTH = 960;
    private static final float HEIGHT = 540;
    private static final float MARGIN = 40;
    /** Height under a page's title for its blocks. */
    private static final double BODY = 400;
    private static final Color INK = new Color(0x1f, 0x3a, 0x5f);
    private static final Color GREY = new Color(0x6b, 0x72, 0x80);
    private static final Color TILE = new Color(0xee, 0xf4, 0xfa);
    private static final Color LINE = new Color(0xd1, 0xd5, 0xdb);

    private PdfReport() {
    }

    public static byte[] render(ReviewPack pack, List<PackLayout.Slide> slides) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(new Rectangle(WIDTH, HEIGHT), MARGIN, MARGIN, 28, 48);
        try {
            PdfWriter writer = PdfWriter.getInstance(document, out);
            String footer = plain(PackLayout.footer(pack));
            int pages = slides.size();
            writer.setPageEvent(new PdfPageEventHelper() {
                @Override
                public void onEndPage(PdfWriter w, Document d) {
                    Font small = font(10, false, GREY);
                    ColumnText.showTextAligned(w.getDirectContent(), Element.ALIGN_LEFT, new Phrase(footer, small), MARGIN, 22, 0);
                    ColumnText.showTextAligned(w.getDirectContent(), Element.ALIGN_RIGHT,
                            new Phrase(w.getPageNumber() + " / " + pages, small), WIDTH - MARGIN, 22, 0);
                }
            });
            document.addTitle(plain(PackLayout.footer(pack)));
            document.open();
            boolean first = true;
            for (PackLayout.Slide slide : slides) {
                if (!first) {
                    document.newPage();
                }
                first = false;
                page(document, slide);
            }
            document.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("The PDF could not be written: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static void page(Document document, PackLayout.Slide slide) {
        if (slide.title().isEmpty()) {
            Paragraph space = new Paragraph(" ", font(60, false, Color.BLACK));
            document.add(space);
            for (PackLayout.Block block : slide.blocks()) {
                PackLayout.Text t = (PackLayout.Text) block;
                Paragraph p = new Paragraph(plain(t.text()), font(t.size(), t.bold(), t.size() >= 40 ? INK : GREY));
                p.setSpacingAfter(10);
                document.add(p);
            }
            return;
        }
        Paragraph title = new Paragraph(plain(slide.title()), font(24, true, INK));
        title.setSpacingAfter(14);
        document.add(title);
        for (PackLayout.Block block : slide.blocks()) {
            switch (block) {
                case PackLayout.Text t -> {
                    // Paragraph spacing takes about a fifth more than the slide's estimate of the lines.
                    PackLayout.Fitted fitted = PackLayout.fit(t.text(), t.size(), WIDTH - 2 * MARGIN, (BODY - used(slide, t)) * 0.8);
                    text(document, fitted.text(), fitted.size(), t.bold());
                }
                case PackLayout.Table t -> document.add(table(t));
                case PackLayout.KeyFigures k -> document.add(tiles(k));
                case PackLayout.Columns c -> document.add(columns(c));
                case PackLayout.Charts c -> document.add(charts(c));
            }
        }
    }

    /** The height the blocks before this one take on the page, roughly (tiles, tables; texts by their lines). */
    private static double used(PackLayout.Slide slide, PackLayout.Block until) {
        double used = 0;
        for (PackLayout.Block block : slide.blocks()) {
            if (block == until) {
                break;
            }
            used += switch (block) {
                case PackLayout.KeyFigures k -> 70;
                case PackLayout.Table t -> 20 * (t.rows().size() + 1) + 10;
                case PackLayout.Text t -> PackLayout.textHeight(t.text(), t.size(), WIDTH - 2 * MARGIN);
                case PackLayout.Charts c -> 300;
                case PackLayout.Columns c -> BODY;
            };
        }
        return used;
    }

    private static void text(Document document, String text, int size, boolean bold) {
        for (String line : text.split("\n")) {
            boolean bullet = line.startsWith("- ");
            Paragraph p = new Paragraph(plain(bullet ? "• " + line.substring(2) : line), font(size - 2, bold, Color.BLACK));
            if (bullet) {
                p.setIndentationLeft(12);
                p.setFirstLineIndent(-8);
            }
            p.setSpacingAfter(4);
            document.add(p);
        }
    }

    private static PdfPTable table(PackLayout.Table t) {
        float[] widths = new float[t.weights().size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = t.weights().get(i);
        }
        PdfPTable table = new PdfPTable(widths);
        table.setWidthPercentage(t.header().size() <= 2 ? 60 : 100);
        table.setHorizontalAlignment(Element.ALIGN_LEFT);
        table.setSpacingAfter(10);
        table.setHeaderRows(1);
        boolean[] numeric = PptxDeck.numericColumns(t);
        for (int c = 0; c < t.header().size(); c++) {
            PdfPCell cell = cell(t.header().get(c), font(11, true, Color.WHITE),
                    numeric[c] ? Element.ALIGN_RIGHT : Element.ALIGN_LEFT);
            cell.setBackgroundColor(INK);
            table.addCell(cell);
        }
        for (int i = 0; i < t.rows().size(); i++) {
            boolean total = t.total() && i == t.rows().size() - 1;
            List<String> row = t.rows().get(i);
            for (int c = 0; c < row.size(); c++) {
                PdfPCell cell = cell(row.get(c), font(11, total, Color.BLACK),
                        numeric[c] ? Element.ALIGN_RIGHT : Element.ALIGN_LEFT);
                if (total) {
                    cell.setBackgroundColor(TILE);
                }
                table.addCell(cell);
            }
        }
        return table;
    }

    private static PdfPCell cell(String text, Font font, int align) {
        PdfPCell cell = new PdfPCell(new Phrase(plain(text), font));
        cell.setHorizontalAlignment(align);
        cell.setPadding(4);
        cell.setBorderColor(LINE);
        cell.setBorder(Rectangle.BOTTOM);
        return cell;
    }

    private static PdfPTable tiles(PackLayout.KeyFigures k) {
        PdfPTable table = new PdfPTable(k.figures().size());
        table.setWidthPercentage(100);
        table.setSpacingAfter(14);
        for (PackLayout.KeyFigure figure : k.figures()) {
            PdfPCell cell = new PdfPCell();
            cell.setBackgroundColor(TILE);
            cell.setBorderColor(Color.WHITE);
            cell.setBorderWidth(6);
            cell.setPadding(8);
            cell.addElement(new Paragraph(plain(figure.value()), font(20, true, INK)));
            cell.addElement(new Paragraph(plain(figure.label()), font(10, false, GREY)));
            table.addCell(cell);
        }
        return table;
    }

    private static PdfPTable columns(PackLayout.Columns c) {
        PdfPTable table = new PdfPTable(c.columns().size());
        table.setWidthPercentage(100);
        for (PackLayout.Column column : c.columns()) {
            PdfPCell cell = new PdfPCell();
            cell.setBorder(Rectangle.NO_BORDER);
            cell.setPaddingRight(16);
            cell.addElement(new Paragraph(plain(column.heading()), font(15, true, INK)));
            double width = (WIDTH - 2 * MARGIN) / c.columns().size() - 16;
            PackLayout.Fitted fitted = PackLayout.fit(column.text(), 13, width, (BODY - 40) * 0.8);
            for (String line : fitted.text().split("\n")) {
                cell.addElement(new Paragraph(plain(line.startsWith("- ") ? "• " + line.substring(2) : line),
                        font(fitted.size() - 1, false, Color.BLACK)));
            }
            table.addCell(cell);
        }
        return table;
    }

    private static PdfPTable charts(PackLayout.Charts c) {
        PdfPTable table = new PdfPTable(c.charts().size());
        table.setWidthPercentage(100);
        table.setSpacingAfter(8);
        for (PackLayout.Chart chart : c.charts()) {
            PdfPCell caption = cell(chart.caption(), font(12, true, INK), Element.ALIGN_LEFT);
            caption.setBorder(Rectangle.NO_BORDER);
            table.addCell(caption);
        }
        for (PackLayout.Chart chart : c.charts()) {
            PdfPCell cell;
            if (chart.png() == null) {
                cell = cell(chart.empty(), font(12, false, GREY), Element.ALIGN_LEFT);
            } else {
                try {
                    Image image = Image.getInstance(chart.png());
                    image.scaleToFit((WIDTH - 2 * MARGIN) / c.charts().size() - 12, 280);
                    cell = new PdfPCell(image, false);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            cell.setBorder(Rectangle.NO_BORDER);
            cell.setPadding(4);
            table.addCell(cell);
        }
        return table;
    }

    private static Font font(float size, boolean bold, Color color) {
        return new Font(Font.HELVETICA, size, bold ? Font.BOLD : Font.NORMAL, color);
    }

    /** The text in Helvetica's encoding (Windows-1252): a minus sign becomes a hyphen, anything else missing a '?'. */
    static String plain(String text) {
        String replaced = text.replace('−', '-').replace('→', '>');
        CharsetEncoder encoder = Charset.forName("windows-1252").newEncoder();
        StringBuilder out = new StringBuilder(replaced.length());
        replaced.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            out.append(encoder.canEncode(ch) ? ch : "?");
        });
        return out.toString();
    }
}
