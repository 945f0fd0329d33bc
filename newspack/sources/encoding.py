"""Bytes -> text: BOM, then the declared charset (HTTP header, ``<meta charset>``), then
UTF-8, then detection (charset-normalizer) among the encodings European news is written in.

Refuses binary files and mostly corrupt UTF-8 with an :class:`InputError` rather than
guessing: a wrong guess turns every accented letter of an article into mojibake, which is
worse for a reader than a one-line error that names ``--encoding``. UTF-8 with a few stray
bytes (a page pasted together from two sources) is read with replacement characters, and
:func:`decode_input` says where, as a warning.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from ..errors import InputError

#: How many leading bytes are searched for ``<meta charset>``: browsers look at the first 1024;
#: saved pages sometimes carry long comments first, so we look a little further.
META_SNIFF_BYTES = 4096
#: Share of control bytes (other than tab/newline/CR/FF) above which an input is binary, not text.
#: Text files have none; 1% tolerates a stray NUL or two in a scraped dump.
MAX_CONTROL_RATIO = 0.01
#: Single-byte encodings tried when a file is not UTF-8. Detection over all code pages picks
#: exotic ones on short texts (measured: cp1006 for Latin text), so we keep to the scripts we read.
#: Share of broken sequences, among all non-ASCII ones, above which UTF-8 with stray bytes is
#: refused rather than read with replacement characters. Real pages with a stray byte have one
#: or two among thousands of good letters; over a half, the bytes are some other encoding and
#: replacing them would lose most accented letters.
MAX_BROKEN_UTF8_SHARE = 0.5
LEGACY_ENCODINGS = ["cp1252", "iso8859_15", "cp1250", "iso8859_2", "mac_roman", "cp1251", "koi8_r", "iso8859_7"]

_BOMS = [
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"PK\x03\x04": "a ZIP archive",
    b"\x7fELF": "an ELF executable",
    b"%PDF": "a PDF document",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"\x1f\x8b": "a gzip archive",
    b"RIFF": "a RIFF (WebP/WAV/AVI) file",
}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f]")
# A valid multi-byte UTF-8 sequence: its presence means the file was meant to be UTF-8.
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        info = codecs.lookup(name.decode("ascii", "ignore") if isinstance(name, bytes) else name)
    except LookupError:
        return None
    # Python also registers bytes-to-bytes codecs (uu, base64, zlib): a page may name them.
    return info.name if getattr(info, "_is_text_encoding", True) else None


def _check_not_binary(data: bytes) -> None:
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"this is {what}, not an article (HTML or text)")
    sample = data[:65536]
    if sample and len(_CONTROL.findall(sample)) / len(sample) > MAX_CONTROL_RATIO:
        raise InputError("this looks like a binary file, not an article (HTML or text)")


def declared_encoding(data: bytes, content_type: str | None = None) -> str | None:
    """The charset a BOM, the HTTP ``Content-Type`` or a ``<meta>`` tag declares, if any."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    if content_type:
        match = _HEADER_CHARSET.search(content_type)
        if match and _codec(match.group(1)):
            return _codec(match.group(1))
    match = _META_CHARSET.search(data[:META_SNIFF_BYTES])
    return _codec(match.group(1)) if match else None


@dataclass(frozen=True)
class Decoded:
    text: str
    #: What the reader should know about the decoding (stray bytes replaced), without the input's name.
    warnings: tuple[str, ...] = ()


def decode(data: bytes, *, content_type: str | None = None, encoding: str | None = None) -> str:
    """Decode an input's bytes to text; ``encoding`` (the user's ``--encoding``) wins over all."""
    return decode_input(data, content_type=content_type, encoding=encoding).text


def decode_input(data: bytes, *, content_type: str | None = None, encoding: str | None = None) -> Decoded:
    """:func:`decode`, with the warnings of a lenient decoding."""
    if encoding:
        codec = _codec(encoding)
        if codec is None:
            raise InputError(f"unknown encoding {encoding!r}")
        return Decoded(data.decode(codec, errors="replace"))
    if not data.strip():
        raise InputError("the input is empty")
    bom = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    if bom:
        return Decoded(data[_bom_len(data):].decode(bom, errors="replace"))
    _check_not_binary(data)
    declared = declared_encoding(data, content_type)
    if declared:
        try:
            return Decoded(data.decode(declared))
        except UnicodeDecodeError:
            pass  # a mislabelled page is common: fall through to what the bytes say
    try:
        return Decoded(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        if _UTF8_MULTIBYTE.search(data):
            # Meant as UTF-8 (it has good multi-byte letters): no single-byte guess is right.
            return _decode_broken_utf8(data, exc.start)
    return Decoded(_detect(data))


def _decode_broken_utf8(data: bytes, first_bad: int) -> Decoded:
    """UTF-8 with stray bytes: replaced, with a warning naming the first; refused when most are bad."""
    text = data.decode("utf-8", errors="replace")
    # each broken sequence became one U+FFFD; those spelled in the input itself are not broken
    broken = text.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    good = sum(1 for _ in _UTF8_MULTIBYTE.finditer(data))
    if broken / (broken + good) > MAX_BROKEN_UTF8_SHARE:
        raise InputError(f"not valid UTF-8 (bad byte at offset {first_bad}); pass --encoding to read it anyway")
    more = f" and {broken - 1} more place{'s' * (broken > 2)}" if broken > 1 else ""
    return Decoded(text, (f"not valid UTF-8 at byte offset {first_bad}{more}: read with replacement "
                          "characters (pass --encoding to read it otherwise)",))


def _bom_len(data: bytes) -> int:
    return next(len(bom) for bom, _ in _BOMS if data.startswith(bom))


def _detect(data: bytes) -> str:
    from charset_normalizer import from_bytes

    results = list(from_bytes(data, cp_isolation=LEGACY_ENCODINGS))
    if not results:
        raise InputError("cannot tell the text encoding; pass --encoding")

    def rank(match):
        # Equal chaos and coherence happen often on short texts (cp1250 vs cp1252 on French):
        # break ties by our order, which puts the Western European code page first.
        order = LEGACY_ENCODINGS.index(match.encoding) if match.encoding in LEGACY_ENCODINGS else 99
        return (round(match.chaos, 2), -round(match.coherence, 2), order)

    return str(min(results, key=rank))
