"""A minimal PDF writer (text only, Helvetica) for demo documents and tests: no dependency, valid PDF 1.4."""

LINES_PER_PAGE = 50


def _escape(text):
    encoded = text.encode("cp1252", errors="replace")
    return encoded.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def simple_pdf(lines, title=""):
    """The bytes of a PDF showing `lines` of text, 50 per A4 page."""
    lines = list(lines) or [""]
    pages = [lines[i : i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)]
    font_id = 3
    objects = {}
    page_ids = []
    next_id = 4
    for page_lines in pages:
        page_id, content_id = next_id, next_id + 1
        next_id += 2
        page_ids.append(page_id)
        stream = b"BT /F1 11 Tf 14 TL 56 790 Td " + b" T* ".join(b"(" + _escape(line) + b") Tj" for line in page_lines)
        stream += b" ET"
        objects[content_id] = b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"
        objects[page_id] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> "
            b"/Contents %d 0 R >>" % (font_id, content_id)
        )
    objects[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    kids = b" ".join(b"%d 0 R" % page_id for page_id in page_ids)
    objects[2] = b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(page_ids)
    objects[font_id] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    info_id = next_id
    objects[info_id] = b"<< /Title (" + _escape(title) + b") /Producer (In Common) >>"

    output = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(output)
        output += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    xref_at = len(output)
    count = max(objects) + 1
    output += b"xref\n0 %d\n0000000000 65535 f \n" % count
    for number in range(1, count):
        output += b"%010d 00000 n \n" % offsets[number]
    output += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (count, info_id, xref_at)
    return bytes(output)
