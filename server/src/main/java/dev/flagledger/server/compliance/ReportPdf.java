package dev.flagledger.server.compliance;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The PDF form of a report (Apache PDFBox): a cover block naming the project, period, the audit
 * chain's head, the signing key and the signature of the CSV form, then the changes and, apart, the
 * break-glass changes, one block per change. Landscape A4, the standard Helvetica fonts (text outside
 * their Latin-1 range is shown as '?'; the CSV keeps it exactly).
 */
final class ReportPdf {
    private static final float MARGIN = 36;
    private static final float LEADING = 11;
    private final PDDocument document = new PDDocument();
    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private final PDType1Font mono = new PDType1Font(Standard14Fonts.FontName.COURIER);
    private PDPageContentStream content;
    private float y;
    private final PDRectangle size = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());

    private ReportPdf() {
    }

    static byte[] render(ComplianceReport report) {
        ReportPdf pdf = new ReportPdf();
        try (pdf.document) {
            pdf.write(report);
            pdf.content.close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pdf.document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the report PDF", e);
        }
    }

    private void write(ComplianceReport report) throws IOException {
        newPage();
        text(bold, 16, "Compliance report: project " + report.projectKey());
        text(regular, 10, "Changes to protected environments from " + report.from() + " (inclusive) to " + report.to()
                + " (exclusive), generated " + report.generatedAt());
        y -= 4;
        text(bold, 9, "Audit chain head at generation");
        text(mono, 8, "position " + report.chainHeadPosition() + "  hash " + report.chainHeadHash());
        text(bold, 9, "Signature (Ed25519, key " + report.keyId() + ") over the CSV form before its signature row");
        text(mono, 8, "SHA-256 of the signed bytes " + report.bodySha256());
        for (String part : chunks(report.signature(), 110)) text(mono, 8, part);
        text(regular, 8, "Verify: download the CSV, drop its last line, check the signature with the public key at"
                + " /api/compliance/signing-key, and compare the chain head with verifyAuditChain or the audit export.");
        y -= 6;
        section("Changes (" + report.changes().size() + ")", report.changes());
        section("Break-glass changes, applied without approval (" + report.breakGlass().size() + ")", report.breakGlass());
    }

    private void section(String title, List<ComplianceReport.Row> rows) throws IOException {
        y -= 4;
        text(bold, 12, title);
        if (rows.isEmpty()) text(regular, 9, "None.");
        for (ComplianceReport.Row row : rows) {
            if (y < MARGIN + 5 * LEADING) newPage();
            text(bold, 9, row.effectiveAt() + "  " + row.environment() + "  " + row.subjectKind().toLowerCase() + " "
                    + row.subjectKey() + "  " + row.eventType() + "  (entry " + row.position() + ")");
            text(regular, 8, "Fields: " + row.fields());
            text(regular, 8, "Author: " + row.authorName() + " <" + row.authorSubject() + ">   Approvers: "
                    + (row.approvers().isEmpty() ? "none" : row.approvers()) + "   Through approval: "
                    + (row.throughApproval() ? "yes" : "no"));
            text(regular, 8, "Reason: " + (row.reason() == null ? "-" : row.reason()) + "   Ticket: "
                    + (row.ticket() == null ? "-" : row.ticket()) + "   Change request: "
                    + (row.changeRequestId() == null ? "-" : row.changeRequestId()));
            text(mono, 7, "entry hash " + row.hash());
            y -= 3;
        }
    }

    private void newPage() throws IOException {
        if (content != null) content.close();
        PDPage page = new PDPage(size);
        document.addPage(page);
        content = new PDPageContentStream(document, page);
        y = size.getHeight() - MARGIN;
    }

    private void text(PDType1Font font, float points, String line) throws IOException {
        float width = size.getWidth() - 2 * MARGIN;
        for (String part : wrap(font, points, printable(font, line), width)) {
            if (y < MARGIN) newPage();
            content.beginText();
            content.setFont(font, points);
            content.newLineAtOffset(MARGIN, y);
            content.showText(part);
            content.endText();
            y -= Math.max(LEADING, points + 3);
        }
    }

    private static List<String> wrap(PDType1Font font, float points, String line, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        String rest = line;
        while (font.getStringWidth(rest) / 1000 * points > width) {
            int cut = rest.length();
            while (cut > 1 && font.getStringWidth(rest.substring(0, cut)) / 1000 * points > width) cut--;
            lines.add(rest.substring(0, cut));
            rest = rest.substring(cut);
        }
        lines.add(rest);
        return lines;
    }

    /** The standard fonts encode WinAnsi only: anything else becomes '?' rather than failing the report. */
    private static String printable(PDType1Font font, String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(point -> {
            String character = new String(Character.toChars(point));
            try {
                font.encode(character);
                out.append(point < 32 ? " " : character);
            } catch (IOException | IllegalArgumentException unencodable) {
                out.append('?');
            }
        });
        return out.toString();
    }

    private static List<String> chunks(String text, int size) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < text.length(); i += size) parts.add(text.substring(i, Math.min(text.length(), i + size)));
        return parts;
    }
}
