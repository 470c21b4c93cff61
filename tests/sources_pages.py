"""Pages the outside-web server serves in source tests (and the benchmark), and a tiny PDF writer."""

ARABIC_ARTICLE = (
    "قال الكرملين إن إيران وروسيا وقعتا صفقة بقيمة 40 مليار دولار في 19 يوليو 2022. "
    "وأضاف البيان أن الاتفاق يشمل تطوير حقول الغاز والنفط في البلدين خلال السنوات المقبلة."
)

ENGLISH_PAGE = """<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Iran and Russia sign $40bn gas deal</title>
<meta property="article:published_time" content="2022-07-19T10:00:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li>Subscribe to our newsletter</li></ul></nav>
<article>
<h1>Iran and Russia sign $40bn gas deal</h1>
<p>Iran and Russia signed a $40bn agreement to develop gas fields on July 19, 2022,
the Kremlin said in a statement after the two presidents spoke by telephone.</p>
<p>The agreement covers six gas fields and the construction of export pipelines, officials
said, adding that the first phase would take about 18 months.</p>
<p>Analysts said the deal was one of the largest foreign investments in Iran's energy sector
in decades, though financing remained unclear.</p>
</article>
<section class="comments"><h3>Comments</h3><p>First!!</p></section>
<footer>© Example News</footer>
</body></html>
"""

ARABIC_PAGE = """<!doctype html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>صفقة الغاز</title></head><body>
<nav>الرئيسية | العالم | اقتصاد</nav>
<article>
<h1>إيران وروسيا توقعان صفقة غاز</h1>
<p>وقعت إيران وروسيا صفقة بنحو 40 مليار دولار لتطوير حقول الغاز، بحسب ما قال الكرملين في بيان
بعد اتصال هاتفي بين الرئيسين.</p>
<p>ويشمل الاتفاق ستة حقول للغاز وإنشاء خطوط أنابيب للتصدير، وفق مسؤولين في البلدين.</p>
<p>وقال محللون إن الصفقة من أكبر الاستثمارات الأجنبية في قطاع الطاقة الإيراني منذ عقود.</p>
</article>
<aside>اقرأ أيضاً: أسعار النفط ترتفع</aside>
</body></html>
"""


def _pdf_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def minimal_pdf(pages: list[str], title: str = "Report") -> bytes:
    """A valid PDF with one text page per item (Latin text, Helvetica); lines split on \\n."""
    objects: list[bytes] = []
    page_ids = [4 + 2 * i for i in range(len(pages))]
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = " ".join(f"{i} 0 R" for i in page_ids)
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for index, text in enumerate(pages):
        lines = text.split("\n")
        ops = ["BT", "/F1 11 Tf", "14 TL", "50 800 Td"]
        for line in lines:
            ops.append(f"({_pdf_escape(line)}) Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1")
        content_id = page_ids[index] + 1
        objects.append(
            (
                f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                f"/Resources << /Font << /F1 3 0 R >> >> /Contents {content_id} 0 R >>"
            ).encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    info_id = len(objects) + 1
    objects.append(f"<< /Title ({_pdf_escape(title)}) >>".encode())
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        info_id,
        xref,
    )
    return bytes(out)
