"""Download the images of articles into a cache: a transform from Articles to Articles.

Every figure whose ``src`` is an http(s) URL is fetched under the address policy
(:func:`newspack.sources.net.fetch`: http(s) only, no private or local address unless allowed, checked
after DNS and on every redirect), with a timeout and a size cap, a few at a time. The bytes
are sniffed with Pillow and kept only when they are a raster image, whatever the server
declared. Each image is stored in the cache folder under a name derived from its URL, so a
second run reads it from disk; the figure's ``src`` is rewritten to that file's ``file://``
URL, and the cache folder is what the writers may read (``Edition.allowed_roots``).

A figure whose image cannot be had keeps its caption and credit and its original ``src``
(writers never fetch), and a warning says why. Resizing and re-encoding happen later, in the
writers (``newspack.images.embed``), for downloaded and local images alike.
"""
from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

from .. import resources
from ..errors import FetchError
from ..files import replace_file
from ..model import Article, Edition, Figure
from ..pools import thread_pool

#: Largest image downloaded (bytes). News pictures are well under 5 MB; a print original may
#: reach 15 MB. Past that it is not meant for a book and would only slow the run.
MAX_IMAGE_DOWNLOAD_BYTES = 15 * 1024 * 1024

#: Seconds to connect and between bytes for one image; a dead image host must not hold up
#: the book for long, while a slow CDN still gets through.
IMAGE_TIMEOUT_SECONDS = 15.0

#: Images fetched at once. Four keeps a page with twenty pictures quick without looking like
#: an attack to the image host.
DOWNLOAD_CONCURRENCY = 4

#: What an image request asks for: the formats we can convert, JPEG first.
ACCEPT_IMAGES = "image/jpeg,image/png,image/gif,image/webp,image/avif;q=0.9,image/*;q=0.8"

#: Subfolder of the cache folder holding downloaded images.
CACHE_SUBFOLDER = "images"

#: Subfolder of the cache folder holding pictures processed for books and drawn covers.
PROCESSED_SUBFOLDER = "processed"

#: Images downloaded for one article; the rest keep their captions. A photo essay has a few
#: dozen; a hostile page with thousands would otherwise cost thousands of fetches.
MAX_IMAGES_PER_ARTICLE = 100


@dataclass(frozen=True)
class ImageFetchOptions:
    """How images are downloaded. ``cache_dir`` None means the user's cache folder."""

    cache_dir: str | None = None
    allow_private: bool = False
    max_bytes: int = MAX_IMAGE_DOWNLOAD_BYTES
    timeout: float = IMAGE_TIMEOUT_SECONDS
    concurrency: int = DOWNLOAD_CONCURRENCY
    max_per_article: int = MAX_IMAGES_PER_ARTICLE


@dataclass(frozen=True)
class LocalImages:
    """The articles with their figures pointing at cached files; the folder writers may read."""

    articles: tuple[Article, ...]
    root: str
    warnings: tuple[str, ...] = ()


def default_cache_dir() -> Path:
    """``$NEWSPACK_CACHE_DIR``, else the platform's cache folder (``~/.cache/newspack``)."""
    return resources.cache_dir()


def image_folder(options: ImageFetchOptions) -> Path:
    """The folder downloaded images are cached in (created on first use)."""
    return (Path(options.cache_dir) if options.cache_dir else default_cache_dir()) / CACHE_SUBFOLDER


def processed_folder() -> Path:
    """The folder writers keep processed pictures and drawn covers in (``images.cache``)."""
    return default_cache_dir() / PROCESSED_SUBFOLDER


def cache_path(folder: Path, url: str) -> Path:
    """Where the image at ``url`` is cached: a name derived from the URL alone."""
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()
    return folder / digest[:2] / digest


def is_remote(src: str | None) -> bool:
    return bool(src) and urlsplit(src).scheme.lower() in ("http", "https")


def download_images(articles: Sequence[Article], options: ImageFetchOptions | None = None) -> LocalImages:
    """Fetch every remote figure image of ``articles`` into the cache; figures point at it."""
    options = options or ImageFetchOptions()
    folder = image_folder(options)
    urls: list[str] = []
    over = []
    for article in articles:
        remote = list(dict.fromkeys(f.src for f in article.figures if is_remote(f.src)))
        urls += remote[:options.max_per_article]
        if len(remote) > options.max_per_article:
            over.append(f"{article.source or article.url or article.title}: {len(remote) - options.max_per_article} "
                        f"images not embedded: over {options.max_per_article} an article")
    urls = list(dict.fromkeys(urls))
    if not urls:
        return LocalImages(articles=tuple(articles), root=str(folder), warnings=tuple(over))
    folder.mkdir(parents=True, exist_ok=True)
    with thread_pool(options.concurrency, "newspack-image") as pool:
        outcomes = dict(zip(urls, pool.map(lambda url: _cached_or_fetched(url, folder, options), urls)))
    local = {url: path.as_uri() for url, (path, _) in outcomes.items() if path is not None}
    # In a book of many articles a picture's URL alone does not say whose it was.
    owners: dict[str, str] = {}
    for article in articles:
        for figure in article.figures:
            owners.setdefault(figure.src, article.source or article.url or article.title or "an article")
    warnings = tuple(f"{owners.get(url, url)}: image not embedded: {url}: {problem}"
                     for url, (path, problem) in outcomes.items() if path is None) + tuple(over)
    return LocalImages(articles=tuple(_with_sources(a, local) for a in articles), root=str(folder),
                       warnings=warnings)


def _with_sources(article: Article, local: dict[str, str]) -> Article:
    if not any(isinstance(b, Figure) and b.src in local for b in article.blocks):
        return article
    return article.with_blocks(tuple(
        replace(b, src=local[b.src]) if isinstance(b, Figure) and b.src in local else b
        for b in article.blocks))


def _cached_or_fetched(url: str, folder: Path, options: ImageFetchOptions) -> tuple[Path | None, str]:
    """(cached file, '') or (None, why not)."""
    path = cache_path(folder, url)
    if path.is_file():
        return path, ""
    try:
        from ..sources.net import fetch

        response = fetch(url, allow_private=options.allow_private, max_bytes=options.max_bytes,
                         timeout=options.timeout, headers={"Accept": ACCEPT_IMAGES})
    except FetchError as exc:
        return None, exc.message
    kind = sniff_image(response.data)
    if kind is None:
        declared = (response.content_type or "no content type").split(";")[0]
        return None, f"not a raster image ({declared})"
    _store(path, response.data)
    return path, ""


def sniff_image(data: bytes) -> str | None:
    """The Pillow format name of ``data`` (JPEG, PNG, WEBP...) when it is a raster image."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(BytesIO(data)) as img:  # reads the header only
            return img.format
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None


def _store(path: Path, data: bytes) -> None:
    # Temp file then rename: a run killed mid-write, or two runs at once, never leave a torn file.
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_file(path, data)


@dataclass(frozen=True)
class EditionImages:
    """An edition whose remote images now point at the cache, and what could not be had."""

    edition: Edition
    warnings: tuple[str, ...] = ()


def download_edition_images(edition: Edition, options: ImageFetchOptions | None = None) -> EditionImages:
    """:func:`download_images` over every article of ``edition``; the cache joins its allowed roots."""
    articles = edition.articles
    local = download_images(articles, options)
    if local.articles == articles:
        return EditionImages(edition=edition, warnings=local.warnings)
    swapped = iter(local.articles)
    sections = tuple(replace(s, articles=tuple(next(swapped) for _ in s.articles)) for s in edition.sections)
    roots = tuple(dict.fromkeys((*edition.allowed_roots, local.root)))
    return EditionImages(edition=replace(edition, sections=sections, allowed_roots=roots), warnings=local.warnings)
