"""The CE transcript as a PDF: a second, transcript-only WeasyPrint gateway.

certificates/pdf.py renders certificate designs; the transcript is a plain report with its own
template, so it has its own small gateway. Like the certificate one, it fetches nothing from
the network: only file: and data: URLs resolve.
"""

import weasyprint  # noqa: TID251 - the transcript's WeasyPrint gateway (see the docstring)


def transcript_pdf_bytes(*, html: str) -> bytes:
    fetcher = weasyprint.URLFetcher(allowed_protocols={"file", "data"})
    return weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf()
