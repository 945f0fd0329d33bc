"""Saved pages the tests make themselves: story pages with pictures, as MHTML, SingleFile and WARC."""
from __future__ import annotations

import base64
import io
import zipfile
from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

WORDS = ("The council voted on Tuesday to rebuild the old harbour wall after the winter storms, "
         "a decision that residents had been demanding for more than three years. ")


def picture(colour: tuple[int, int, int], fmt: str = "JPEG") -> bytes:
    """A 640x480 picture of one colour (big enough to be a story's picture)."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (640, 480), colour).save(out, fmt)
    return out.getvalue()


def story_page(title: str, pictures: list[str], *, extra: str = "") -> str:
    """A news page with ``pictures`` (their src values) as captioned figures."""
    figures = "".join(f'<figure><img src="{src}" width="640" height="480" alt="Picture {n}">'
                      f"<figcaption>Caption {n} of the harbour.</figcaption></figure><p>{WORDS * 3}</p>"
                      for n, src in enumerate(pictures, start=1))
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
            f'<meta property="og:site_name" content="Harbour News"></head><body><article><h1>{title}</h1>'
            f"<p>{WORDS * 4}</p>{figures}<p>{WORDS * 4}</p>{extra}</article></body></html>")


def mhtml(url: str, pictures: dict[str, bytes], title: str = "Harbour wall to be rebuilt") -> bytes:
    """An MHTML file as a browser saves it: the page, then each picture under its URL."""
    message = MIMEMultipart("related", type="text/html")
    message["Snapshot-Content-Location"] = url
    message["Subject"] = title
    page = MIMEText(story_page(title, list(pictures)), "html", "utf-8")
    page["Content-Location"] = url
    message.attach(page)
    for src, data in pictures.items():
        part = MIMEImage(data, "jpeg")
        part["Content-Location"] = src
        message.attach(part)
    return message.as_bytes()


def single_file(title: str, pictures: list[bytes]) -> str:
    """A SingleFile page: every picture inlined as a data: URI."""
    srcs = [f"data:image/jpeg;base64,{base64.b64encode(data).decode('ascii')}" for data in pictures]
    return "<!--\n Page saved with SingleFile \n url: https://news.example/harbour \n-->\n" + story_page(title, srcs)


def warc(path: Path, pages: dict[str, str], pictures: dict[str, bytes] = {}) -> Path:
    """A gzipped WARC file of HTML responses (and image responses), as a crawler writes it."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for url, html in pages.items():
            _response(writer, url, html.encode("utf-8"), "text/html; charset=utf-8", StatusAndHeaders)
        for url, data in pictures.items():
            _response(writer, url, data, "image/jpeg", StatusAndHeaders)
    return path


def _response(writer, url, data, content_type, status_and_headers):
    headers = status_and_headers("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(data), http_headers=headers))


def book_pictures(path: Path) -> list[str]:
    """The pictures an EPUB embeds (the drawn cover excepted)."""
    with zipfile.ZipFile(path) as book:
        return [n for n in book.namelist() if n.startswith("EPUB/images/img-")]
