"""Generate the large hostile inputs (deep nesting, huge pages, binary files) into a folder.

Large cases are written at test time into a temporary folder, never committed:

    python tests/hostile/generate.py OUTDIR [NAME ...]

Each generator is a function NAME(path) writing one file; ``CASES`` maps file names to them.
"""
from __future__ import annotations

import io
import struct
import sys
import zipfile
import zlib
from pathlib import Path

PARAGRAPH = "The council voted on Tuesday to keep the market hall open through the winter months. "


def _page(body: str, title: str = "Hostile page") -> str:
    return f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{title}</title></head><body>{body}</body></html>"


def deep_nesting(path: Path, depth: int = 100_000) -> None:
    body = "<div>" * depth + "<p>" + PARAGRAPH * 3 + "</p>" + "</div>" * depth
    path.write_text(_page("<article><h1>Deep</h1>" + body + "</article>"), encoding="utf-8")


def many_paragraphs(path: Path, count: int = 50_000) -> None:
    body = "".join(f"<p>{i}. {PARAGRAPH}</p>" for i in range(count))
    path.write_text(_page("<article><h1>Many</h1>" + body + "</article>"), encoding="utf-8")


def one_long_line(path: Path, size: int = 10 * 1024 * 1024) -> None:
    words = (PARAGRAPH * (size // len(PARAGRAPH) + 1))[:size]
    path.write_text(words, encoding="utf-8")


def many_short_lines(path: Path, count: int = 1_000_000) -> None:
    path.write_text("".join(f"line {i}\n" for i in range(count)), encoding="utf-8")


def huge_html(path: Path, size: int = 100 * 1024 * 1024) -> None:
    chunk = f"<p>{PARAGRAPH * 4}</p>\n".encode()
    with path.open("wb") as fh:
        fh.write(b"<!doctype html><html><head><title>Huge</title></head><body><article>")
        written = 0
        while written < size:
            fh.write(chunk)
            written += len(chunk)
        fh.write(b"</article></body></html>")


def png_bytes(width: int = 2, height: int = 2, *, data: bytes | None = None) -> bytes:
    """A PNG with the given header; ``data`` overrides the (compressed) pixel rows."""
    def chunk(kind: bytes, payload: bytes) -> bytes:
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))
    if data is None:
        data = zlib.compress(b"".join(b"\x00" + b"\x80\x80\x80" * width for _ in range(height)))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def bomb_png(path: Path) -> None:
    """20,000 × 20,000 (400 Mpx): a few hundred KB on disk, 1.2 GB decoded."""
    width = height = 20_000
    comp = zlib.compressobj(9)
    row = b"\x00" + b"\x00" * (width * 3)
    out = [comp.compress(row) for _ in range(height)]
    out.append(comp.flush())
    path.write_bytes(png_bytes(width, height, data=b"".join(out)))


def huge_header_png(path: Path) -> None:
    """A 30,000 × 30,000 header over a few bytes of data."""
    path.write_bytes(png_bytes(30_000, 30_000, data=zlib.compress(b"\x00" * 64)))


def truncated_jpeg(path: Path) -> None:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (400, 300), (200, 30, 30)).save(buf, "JPEG")
    path.write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])


def zip_file(path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("index.html", _page("<p>inside a zip</p>"))
    path.write_bytes(buf.getvalue())


def elf_file(path: Path) -> None:
    path.write_bytes(b"\x7fELF\x02\x01\x01" + b"\x00" * 9 + bytes(range(256)) * 16)


CASES = {
    "deep.html": deep_nesting,
    "paragraphs.html": many_paragraphs,
    "longline.txt": one_long_line,
    "lines.txt": many_short_lines,
    "huge.html": huge_html,
    "bomb.png": bomb_png,
    "header30k.png": huge_header_png,
    "truncated.jpg": truncated_jpeg,
    "archive.zip": zip_file,
    "program.elf": elf_file,
}


def generate(outdir: Path, names=None) -> dict[str, Path]:
    """Write the named cases (all by default) into ``outdir``; return name -> path."""
    outdir.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name in names or CASES:
        path = outdir / name
        if not path.exists():
            CASES[name](path)
        paths[name] = path
    return paths


if __name__ == "__main__":
    generate(Path(sys.argv[1]), sys.argv[2:] or None)
