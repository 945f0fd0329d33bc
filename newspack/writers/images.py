"""The images a book embeds: one resolution step shared by the EPUB, PDF and HTML writers.

A figure's ``src`` decides what may be read:

- ``data:`` URIs are decoded and embedded;
- absolute ``file://`` URLs are embedded only when the path (symlinks resolved) lies inside
  one of ``Edition.allowed_roots``; any other local path is never opened;
- ``http(s)`` images are not downloaded in this version: the figure keeps its caption and
  credit, without ``<img>``.

Bytes are sniffed with Pillow, never trusted by name or declared type. JPEG, PNG and GIF are
kept as they are (EPUB core media types every reader shows); any other raster format Pillow
reads (WebP, TIFF, BMP...) is converted; SVG and anything unreadable is dropped.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import logging
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from urllib.parse import unquote_to_bytes, urlsplit
from urllib.request import url2pathname

from ..model import Edition, Figure

LOG = logging.getLogger(__name__)

#: Largest image file read or decoded. News pictures are well under 5 MB; past this it is a
#: print original or an attack, and would bloat every book it lands in.
MAX_IMAGE_BYTES = 20 * 1024 * 1024

#: Largest image in pixels (width x height). 40 Mpx is above any camera a newsroom ships;
#: larger is a decompression bomb that would eat memory when decoded.
MAX_IMAGE_PIXELS = 40_000_000

#: Pillow format -> (media type, file extension) of formats embedded byte for byte.
KEPT_FORMATS: dict[str, tuple[str, str]] = {
    "JPEG": ("image/jpeg", "jpg"),
    "MPO": ("image/jpeg", "jpg"),  # camera JPEG with extra frames; readers show the first
    "PNG": ("image/png", "png"),
    "GIF": ("image/gif", "gif"),
}

#: Pillow modes of photographs, re-encoded as JPEG; anything else (alpha, palette) as PNG.
PHOTO_MODES = frozenset({"RGB", "L", "CMYK", "YCbCr", "I;16", "I", "F"})

#: JPEG quality for converted photographs: visually lossless, half the size of 95.
JPEG_QUALITY = 88

#: Hosts a ``file://`` URL may name: only this machine.
LOCAL_HOSTS = frozenset({"", "localhost"})


@dataclass(frozen=True)
class EmbeddedImage:
    """An image ready to embed: a content-derived file name, its media type and bytes."""

    filename: str
    media_type: str
    data: bytes


def collect_images(edition: Edition) -> dict[Figure, EmbeddedImage]:
    """Every figure of the edition whose image can be embedded, mapped to that image.

    Figures whose image is remote, refused or unreadable are absent: writers render them
    with their caption and credit only.
    """
    roots = tuple(Path(root).resolve() for root in edition.allowed_roots)
    images: dict[Figure, EmbeddedImage] = {}
    for article in edition.articles:
        for figure in article.figures:
            if figure in images or not figure.src:
                continue
            image = load_image(figure.src, roots)
            if image is not None:
                images[figure] = image
    return images


def load_image(src: str, allowed_roots: tuple[Path, ...]) -> EmbeddedImage | None:
    """The embeddable image ``src`` names, or None when it may not or cannot be embedded."""
    scheme = urlsplit(src).scheme.lower()
    if scheme == "data":
        data = decode_data_uri(src)
    elif scheme == "file":
        data = read_local_file(src, allowed_roots)
    else:
        return None  # remote images are not downloaded in this version
    if data is None:
        return None
    return normalise_image(data, src)


def decode_data_uri(uri: str) -> bytes | None:
    """The bytes of a ``data:`` URI, or None when it is malformed or too large."""
    header, comma, payload = uri.partition(",")
    if not comma or len(payload) > MAX_IMAGE_BYTES * 4 // 3 + 4:
        return None
    try:
        if header.lower().endswith(";base64"):
            return base64.b64decode("".join(payload.split()), validate=True)
        return unquote_to_bytes(payload)
    except (binascii.Error, ValueError):
        LOG.warning("dropped an image: malformed data: URI")
        return None


def local_path(url: str, allowed_roots: tuple[Path, ...]) -> Path | None:
    """The resolved path of a ``file://`` URL if it lies inside an allowed root, else None."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc.lower() not in LOCAL_HOSTS:
        return None
    raw = url2pathname(parts.path)
    if not raw or "\x00" in raw or not Path(raw).is_absolute():
        return None
    try:
        path = Path(raw).resolve()
    except (OSError, RuntimeError):
        return None
    for root in allowed_roots:
        if path.is_relative_to(root.resolve()):
            return path
    return None


def read_local_file(url: str, allowed_roots: tuple[Path, ...]) -> bytes | None:
    """The bytes of a local image the edition allows, or None."""
    path = local_path(url, allowed_roots)
    if path is None:
        LOG.warning("dropped an image outside the allowed folders: %s", url)
        return None
    try:
        if not path.is_file() or path.stat().st_size > MAX_IMAGE_BYTES:
            return None
        return path.read_bytes()
    except OSError:
        return None


def normalise_image(data: bytes, src: str = "") -> EmbeddedImage | None:
    """Sniff ``data`` and return it as an image every EPUB reader shows, or None."""
    from PIL import Image, UnidentifiedImageError

    if not data or len(data) > MAX_IMAGE_BYTES:
        return None
    try:
        with Image.open(BytesIO(data)) as img:
            if img.width * img.height > MAX_IMAGE_PIXELS:
                LOG.warning("dropped an image larger than %d pixels: %.80s", MAX_IMAGE_PIXELS, src)
                return None
            img.load()  # a truncated file fails here, not later in the reader
            kept = KEPT_FORMATS.get(img.format or "")
            if kept is not None:
                media_type, ext = kept
                return _embedded(data, media_type, ext)
            return _converted(img)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError, SyntaxError):
        LOG.warning("dropped an image that is not a readable raster image: %.80s", src)
        return None


def _converted(img) -> EmbeddedImage:
    """Re-encode a format readers may not show: photographs as JPEG, the rest as PNG."""
    img.seek(0)  # first frame of an animation
    out = BytesIO()
    if img.mode in PHOTO_MODES and "transparency" not in img.info:
        img.convert("RGB").save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
        return _embedded(out.getvalue(), "image/jpeg", "jpg")
    img.convert("RGBA").save(out, format="PNG", optimize=True)
    return _embedded(out.getvalue(), "image/png", "png")


def _embedded(data: bytes, media_type: str, ext: str) -> EmbeddedImage:
    # Named by content: the same picture in two articles is stored once, and names are stable.
    digest = hashlib.sha256(data).hexdigest()[:16]
    return EmbeddedImage(filename=f"img-{digest}.{ext}", media_type=media_type, data=data)
