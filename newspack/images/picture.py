"""An image ready for a book, and how such images are made: the values every image step shares.

Kept apart from the steps (``embed.py`` prepares images, ``cache.py`` keeps them between
runs) so that each can name an image without importing the other.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

#: Longest edge of an embedded image (px). 1600 fills a 300 dpi e-reader screen and a PDF
#: column at 250 dpi; more only makes the book heavier.
MAX_EDGE = 1600

#: JPEG quality of re-encoded photographs: at 85 artefacts are invisible at reading size and
#: files are a third of quality 95.
JPEG_QUALITY = 85

MEDIA_TYPES = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png")}


@dataclass(frozen=True)
class ImageSettings:
    """How embedded images are made: longest edge (px), JPEG quality, grey for e-ink."""

    max_edge: int = MAX_EDGE
    quality: int = JPEG_QUALITY
    grayscale: bool = False


@dataclass(frozen=True)
class EmbeddedImage:
    """An image ready to embed: a content-derived file name, its media type and bytes."""

    filename: str
    media_type: str
    data: bytes
    width: int = 0
    height: int = 0


def embedded_image(data: bytes, media_type: str, ext: str, size: tuple[int, int] = (0, 0)) -> EmbeddedImage:
    """An EmbeddedImage of ``data``, named by its content."""
    # Named by content: the same picture in two articles is stored once, and names are stable.
    digest = hashlib.sha256(data).hexdigest()[:16]
    return EmbeddedImage(filename=f"img-{digest}.{ext}", media_type=media_type, data=data,
                         width=size[0], height=size[1])
