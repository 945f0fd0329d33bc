"""The images a book embeds: one resolution step shared by the EPUB, PDF and HTML writers.

A figure's ``src`` decides what may be read:

- ``data:`` URIs are decoded and embedded;
- absolute ``file://`` URLs are embedded only when the path (symlinks resolved) lies inside
  one of ``Edition.allowed_roots``; any other local path is never opened (downloaded images
  arrive this way: ``newspack.images.download`` caches them and adds the cache to the roots);
- ``http(s)`` images are never fetched here: the figure keeps its caption and credit,
  without ``<img>``.

Bytes are sniffed with Pillow, never trusted by name or declared type, then made fit for an
e-reader (:func:`normalise_image`): turned upright, shrunk to the maximum edge, stripped of
EXIF and other metadata, optionally made grey, and written as JPEG (photographs) or PNG
(graphics, transparency, anything that came as PNG or GIF). WebP, AVIF, TIFF, BMP are
converted; SVG and anything unreadable is dropped. Pillow's decompression-bomb guard stays on.
"""
from __future__ import annotations

import base64
import binascii
import logging
import os
from io import BytesIO
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes, urlsplit

from ..model import Edition, Figure
from .picture import MEDIA_TYPES, EmbeddedImage, ImageSettings, embedded_image

LOG = logging.getLogger(__name__)

#: Largest image file read or decoded. News pictures are well under 5 MB; past this it is a
#: print original or an attack, and would bloat every book it lands in.
MAX_IMAGE_BYTES = 20 * 1024 * 1024

#: Largest image in pixels (width x height). 50 Mpx admits the 40-45 Mpx originals of current
#: cameras (JPEGs are decoded at a fraction of their size, see ``draft``); larger is a print
#: scan or a decompression bomb that would eat memory when decoded.
MAX_IMAGE_PIXELS = 50_000_000

#: Formats whose pictures stay lossless (PNG) when re-encoded: maps, charts, logos and
#: screenshots come as these, and JPEG would smear their edges.
LOSSLESS_SOURCES = frozenset({"PNG", "GIF", "BMP", "TIFF"})

#: Bytes per pixel under which a JPEG that needs no other change is kept as it is: quality
#: 85 photographs weigh 0.15-0.4; above 0.5 it was saved for print and is worth recompressing.
KEEP_JPEG_BYTES_PER_PIXEL = 0.5

#: Formats whose bytes may be kept as they are when nothing needs changing.
KEPT_FORMATS: dict[str, str] = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG"}

#: Metadata chunks an image must not carry into a book (camera, GPS, editing history).
STRIPPED_INFO = ("exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop", "iptc")

#: Hosts a ``file://`` URL may name: only this machine.
LOCAL_HOSTS = frozenset({"", "localhost"})


def collect_images(edition: Edition, settings: ImageSettings | None = None,
                   cache: Path | None = None) -> dict[Figure, EmbeddedImage]:
    """Every figure of the edition whose image can be embedded, mapped to that image.

    Figures whose image is remote, refused or unreadable are absent: writers render them
    with their caption and credit only. With a ``cache`` folder each picture is processed
    once for all runs (see ``images.cache``).
    """
    settings = settings or ImageSettings()
    roots = tuple(Path(root).resolve() for root in edition.allowed_roots)
    images: dict[Figure, EmbeddedImage] = {}
    by_src: dict[str, EmbeddedImage | None] = {}
    for article in edition.articles:
        for figure in article.figures:
            if figure in images or not figure.src:
                continue
            if figure.src not in by_src:
                # the article in every message: in a book of many, the picture's path alone
                # does not say whose it was
                label = f"{article.source or article.url or article.title or 'an article'}: {figure.src[:80]}"
                by_src[figure.src] = load_image(figure.src, roots, settings, cache, label=label)
            image = by_src[figure.src]
            if image is not None:
                images[figure] = image
    return images


def load_image(src: str, allowed_roots: tuple[Path, ...],
               settings: ImageSettings | None = None, cache: Path | None = None,
               label: str | None = None) -> EmbeddedImage | None:
    """The embeddable image ``src`` names, or None when it may not or cannot be embedded;
    ``label`` names it in the warnings (default: ``src``)."""
    label = label or src[:80]
    try:
        scheme = urlsplit(src).scheme.lower()
    except ValueError:  # a malformed URL ("http://[bad") names no image
        return None
    if scheme == "data":
        data = decode_data_uri(src)
    elif scheme == "file":
        data = read_local_file(src, allowed_roots, label)
    else:
        return None  # remote images are not downloaded in this version
    if data is None:
        return None
    return normalise_cached(data, label, settings, cache)


def normalise_cached(data: bytes, src: str = "", settings: ImageSettings | None = None,
                     cache: Path | None = None) -> EmbeddedImage | None:
    """:func:`normalise_image`, read from ``cache`` when these bytes were processed with
    these settings before."""
    from .cache import cache_key, cached_image

    settings = settings or ImageSettings()
    key = cache_key("image", data, f"{settings.max_edge}/{settings.quality}/{settings.grayscale}")
    return cached_image(cache, key, lambda: normalise_image(data, src, settings))


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
    raw = _url_to_path(parts.path)
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


def _url_to_path(path: str) -> str:
    if os.name == "nt":
        from urllib.request import url2pathname  # 30 ms to import; on POSIX it is unquote

        return url2pathname(path)
    return unquote(path)


def read_local_file(url: str, allowed_roots: tuple[Path, ...], label: str | None = None) -> bytes | None:
    """The bytes of a local image the edition allows, or None (with a warning saying why)."""
    label = label or url
    path = local_path(url, allowed_roots)
    if path is None:
        LOG.warning("dropped an image outside the allowed folders: %s", label)
        return None
    try:
        if not path.is_file():
            LOG.warning("dropped an image: no such file: %s", label)
            return None
        if path.stat().st_size > MAX_IMAGE_BYTES:
            LOG.warning("dropped an image over %d MiB: %s", MAX_IMAGE_BYTES // 2**20, label)
            return None
        return path.read_bytes()
    except OSError as exc:
        LOG.warning("dropped an image: %s: %s", exc.strerror or exc, label)
        return None


def normalise_image(data: bytes, src: str = "", settings: ImageSettings | None = None) -> EmbeddedImage | None:
    """Sniff ``data`` and return it as an image every e-reader shows, or None.

    Upright, at most ``settings.max_edge`` px on its longest side, without metadata, JPEG or
    PNG. The original bytes are kept when they are already all that and smaller.
    """
    from PIL import Image, UnidentifiedImageError

    settings = settings or ImageSettings()
    if not data or len(data) > MAX_IMAGE_BYTES:
        return None
    try:
        with Image.open(BytesIO(data)) as img:
            if img.width * img.height > MAX_IMAGE_PIXELS:
                LOG.warning("dropped an image larger than %d pixels: %s", MAX_IMAGE_PIXELS, src[:200])
                return None
            source_format = img.format or ""
            if max(img.size) > settings.max_edge:
                # JPEG decodes at 1/2, 1/4 or 1/8 scale for free: a 40 Mpx photo never fills memory.
                scale = settings.max_edge / max(img.size)
                img.draft(img.mode if img.mode in ("RGB", "L") else "RGB",
                          (int(img.width * scale) + 1, int(img.height * scale) + 1))
            img.load()  # a truncated file fails here, not later in the reader
            metadata = any(key in img.info for key in STRIPPED_INFO)
            orientation = img.getexif().get(0x0112, 1) if source_format in ("JPEG", "MPO", "WEBP", "PNG", "TIFF") else 1
            unchanged_ok = not metadata and orientation in (0, 1)
            if (unchanged_ok and not settings.grayscale and max(img.size) <= settings.max_edge
                    and source_format in KEPT_FORMATS
                    and (source_format == "PNG" or len(data) <= KEEP_JPEG_BYTES_PER_PIXEL * img.width * img.height)):
                # Already fit for a book: re-encoding would cost time and some quality for nothing.
                media_type, ext = MEDIA_TYPES[KEPT_FORMATS[source_format]]
                return embedded_image(data, media_type, ext, img.size)
            return _reencoded(img, data, source_format, settings, unchanged_ok=unchanged_ok)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError, SyntaxError, EOFError):
        LOG.warning("dropped an image that is not a readable raster image: %s", src[:200])
        return None


def _reencoded(img, original: bytes, source_format: str, settings: ImageSettings, *, unchanged_ok: bool) -> EmbeddedImage:
    from PIL import Image, ImageOps

    img = ImageOps.exif_transpose(img) or img  # upright before the EXIF goes
    lossless = source_format in LOSSLESS_SOURCES
    alpha = img.mode in ("RGBA", "LA", "PA") or "transparency" in img.info
    resized = max(img.size) > settings.max_edge
    if img.mode not in ("RGB", "L", "RGBA", "LA", "P", "1") or (resized and img.mode in ("P", "1")):
        img = img.convert("RGBA" if alpha else "RGB")
    if resized:
        img = img.copy()
        img.thumbnail((settings.max_edge, settings.max_edge), Image.Resampling.LANCZOS, reducing_gap=3.0)
    if settings.grayscale and img.mode not in ("L", "LA", "1"):
        img = img.convert("LA" if alpha else "L")
    target = "PNG" if (lossless or alpha) else "JPEG"
    out = BytesIO()
    if target == "JPEG":
        if img.mode not in ("RGB", "L"):
            img = img.convert("RGB")
        icc = img.info.get("icc_profile")
        img.save(out, format="JPEG", quality=settings.quality, optimize=True,
                 **({"icc_profile": icc} if icc else {}))
    else:
        img.save(out, format="PNG", optimize=True)
    encoded = out.getvalue()
    keep = (unchanged_ok and not resized and not settings.grayscale
            and KEPT_FORMATS.get(source_format) == target and len(original) <= len(encoded))
    media_type, ext = MEDIA_TYPES[target]
    return embedded_image(original if keep else encoded, media_type, ext, img.size)
