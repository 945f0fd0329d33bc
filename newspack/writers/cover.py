"""The book's cover: the user's image, or one drawn locally with Pillow (masthead, title, date).

Nothing is fetched and nothing random is drawn, so the same book gets the same cover bytes.
A single article may put its lead picture on the cover; a book of several lists each
section's first headlines. The fonts are the system's (the same
families the themes use), found by file name; without them Pillow's built-in font is used.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from ..errors import UsageError
from ..images.cache import cache_key, cached_image
from ..images.embed import normalise_cached
from ..images.picture import EmbeddedImage, embedded_image
from ..model import Edition, Figure
from .book import parse_date
from .locale import format_date
from .options import WriterOptions
from .scripts import scripts_in

#: Cover size in pixels: the 1:1.6 ratio and 1600 px height e-book stores ask for, at a
#: width that keeps a drawn (flat-colour) cover around 40 KB.
COVER_SIZE = (1000, 1600)

#: Margins and the band the lead picture fills, as fractions of the cover.
MARGIN = 0.08
PICTURE_BAND = (0.20, 0.62)

#: Longest title, in lines, before the type is made smaller; seven lines of large type is
#: already a wall on a thumbnail.
MAX_TITLE_LINES = 7

#: Title type sizes tried, largest first, in pixels at COVER_SIZE.
TITLE_SIZES = (104, 92, 80, 70, 60, 52, 44)

BACKGROUND = (246, 243, 236)
INK = (26, 26, 26)
#: The accent when the theme names none: the classic theme's red.
ACCENT = (150, 28, 36)
MUTED = (90, 90, 90)

#: The rule whose colour the cover's accent (masthead, rules, section labels) takes from the
#: book's stylesheets: the site line, which the masthead is on the cover.
ACCENT_SELECTOR = ".site"

#: Shades between the paper and each ink in a drawn cover's palette: 24 keeps anti-aliased
#: edges smooth; the PNG stays small because the palette is.
PALETTE_STEPS = 24

#: Font files looked for, best first: the classic theme's serif, then DejaVu.
SERIF_BOLD = ("LinLibertine_RB.otf", "DejaVuSerif-Bold.ttf", "NotoSerif-Bold.ttf")
SERIF = ("LinLibertine_R.otf", "DejaVuSerif.ttf", "NotoSerif-Regular.ttf")
SANS_BOLD = ("LinBiolinum_RB.otf", "OpenSans-Bold.ttf", "DejaVuSans-Bold.ttf")

#: Font files for the scripts the fonts above lack (Debian's Noto, installed by ``make``), best
#: first: a title in one of these scripts is drawn in them, never as a row of empty boxes.
_CJK_FONTS = ("NotoSerifCJK-Bold.ttc", "NotoSansCJK-Bold.ttc", "NotoSansCJK-Regular.ttc")
SCRIPT_FONTS = {
    "CJK (Chinese/Japanese)": _CJK_FONTS,
    "Japanese kana": _CJK_FONTS,
    "Hangul": _CJK_FONTS,
    "Arabic": ("NotoNaskhArabic-Bold.ttf", "NotoSansArabic-Bold.ttf", "NotoNaskhArabic-Regular.ttf"),
    "Hebrew": ("NotoSerifHebrew-Bold.ttf", "NotoSansHebrew-Bold.ttf", "NotoSansHebrew-Regular.ttf"),
    "Devanagari": ("NotoSerifDevanagari-Bold.ttf", "NotoSansDevanagari-Bold.ttf", "NotoSansDevanagari-Regular.ttf"),
}

FONT_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts",
                "/Library/Fonts", "/System/Library/Fonts", "C:/Windows/Fonts")


#: A digest's front page: at most this many sections, each with this many first headlines.
FRONT_SECTIONS = 6
FRONT_HEADLINES = 2

#: Lines a headline may take on the front page before it is cut with an ellipsis.
HEADLINE_LINES = 2


@dataclass(frozen=True)
class CoverText:
    """What a cover says. ``contents`` are a digest's (section, first headlines) pairs, listed
    under the title as a newspaper's front page does."""

    title: str
    masthead: str = ""
    date: str = ""
    contents: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class CoverInk:
    """The colours of a drawn cover: the theme's accent, and grey like the book's images."""

    accent: tuple[int, int, int] = ACCENT
    grayscale: bool = False


def theme_accent(css_texts: list[str]) -> tuple[int, int, int]:
    """The colour the stylesheets give the site line (the last rule that sets it wins, as in
    the cascade), else the classic accent. A user's theme colours its cover by the same rule."""
    import tinycss2
    from tinycss2.color3 import parse_color

    accent = ACCENT
    for css in css_texts:
        for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
            if rule.type != "qualified-rule":
                continue
            selectors = [part.strip() for part in tinycss2.serialize(rule.prelude).split(",")]
            if ACCENT_SELECTOR not in selectors:
                continue
            for decl in tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True):
                if decl.type == "declaration" and decl.lower_name == "color":
                    colour = parse_color(tinycss2.serialize(decl.value).strip())
                    if colour is not None and not isinstance(colour, str):
                        accent = tuple(round(channel * 255) for channel in colour[:3])
    return accent


@lru_cache(maxsize=None)
def find_font(names: tuple[str, ...]) -> str | None:
    """The path of the first font file in ``names`` found in the usual font folders."""
    for name in names:
        for folder in FONT_FOLDERS:
            base = Path(folder).expanduser()
            if base.is_dir():
                found = next(iter(sorted(base.rglob(name))), None)
                if found:
                    return str(found)
    return None


def _font(names: tuple[str, ...], size: int, text: str = ""):
    """The first of ``names`` found, or first a font of a script ``text`` uses that they lack."""
    from PIL import ImageFont

    for script in scripts_in(text):
        names = SCRIPT_FONTS.get(script, ()) + names
    path = find_font(names)
    if path:
        return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def _wrap(draw, text: str, font, width: int) -> list[str]:
    """``text`` in lines of at most ``width``; a word wider than that (Chinese and Japanese set no
    spaces) is broken between its characters."""
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] = f"{lines[-1]} {word}"
            continue
        lines.append("")
        for char in word:
            if lines[-1] and draw.textlength(lines[-1] + char, font=font) > width:
                lines.append("")
            lines[-1] += char
    return lines


def draw_cover(text: CoverText, picture: bytes | None = None, size: tuple[int, int] = COVER_SIZE,
               ink: CoverInk = CoverInk()) -> tuple[bytes, str]:
    """The cover as (bytes, media type): PNG when drawn only, JPEG when it holds a photograph."""
    from PIL import Image, ImageDraw, ImageOps

    accent = ink.accent
    width, height = size
    margin = int(width * MARGIN)
    cover = Image.new("RGB", size, BACKGROUND)
    draw = ImageDraw.Draw(cover)

    # Masthead: small capitals, a rule in the accent colour under it.
    y = margin
    masthead = (text.masthead or "").strip().upper()
    if masthead:
        font = _font(SANS_BOLD, int(width * 0.038), masthead)
        line = _wrap(draw, masthead, font, width - 2 * margin)[0]
        draw.text((margin, y), line, font=font, fill=accent)
        y += int(width * 0.06)
    draw.rectangle((margin, y, width - margin, y + max(2, width // 250)), fill=accent)
    y += int(width * 0.05)

    has_picture = False
    if picture:
        try:
            with Image.open(BytesIO(picture)) as img:
                img.draft("RGB", (width, height))
                band = (int(height * PICTURE_BAND[0]), int(height * PICTURE_BAND[1]))
                # Bicubic: a third of Lanczos' time, and no one tells them apart on a cover.
                photo = ImageOps.fit(img.convert("RGB"), (width, band[1] - band[0]), Image.Resampling.BICUBIC)
                cover.paste(photo, (0, band[0]))
                y = band[1] + int(width * 0.05)
                has_picture = True
        except Exception:  # noqa: BLE001 - a bad picture only costs the cover its photo
            has_picture = False

    # Title: the largest size at which it fits the space left above the date.
    bottom = height - margin - int(width * 0.09)
    title = " ".join((text.title or "").split()) or "Untitled"
    for size_px in TITLE_SIZES if not has_picture else TITLE_SIZES[2:]:
        font = _font(SERIF_BOLD, size_px, title)
        lines = _wrap(draw, title, font, width - 2 * margin)
        leading = int(size_px * 1.18)
        if len(lines) <= MAX_TITLE_LINES and y + leading * len(lines) <= bottom:
            break
    lines = lines[:MAX_TITLE_LINES]
    if not has_picture:  # without a picture the title sits in the upper third, not at the top
        y = max(y, int(height * 0.22))
    right_to_left = bool({"Arabic", "Hebrew"} & set(scripts_in(title)))
    for line in lines:  # a right-to-left title is set flush right, where its lines begin
        x = width - margin - int(draw.textlength(line, font=font)) if right_to_left else margin
        draw.text((x, y), line, font=font, fill=INK)
        y += leading
    if text.contents and not has_picture:
        _draw_contents(draw, text.contents, (margin, y + int(width * 0.04)), width - 2 * margin, bottom, accent)

    if text.date:
        font = _font(SERIF, int(width * 0.04), text.date)
        draw.rectangle((margin, height - margin - int(width * 0.075), margin + width // 8,
                        height - margin - int(width * 0.075) + max(2, width // 300)), fill=MUTED)
        draw.text((margin, height - margin - int(width * 0.055)), text.date, font=font, fill=MUTED)

    out = BytesIO()
    if ink.grayscale:  # as grey as the images inside, for an e-ink screen
        cover = cover.convert("L")
    if has_picture:
        cover.save(out, format="JPEG", quality=85, optimize=True)
        return out.getvalue(), "image/jpeg"
    if ink.grayscale:
        cover.save(out, format="PNG", compress_level=6)
        return out.getvalue(), "image/png"
    # The drawing holds only ramps from the paper to each ink (anti-aliased text): mapping to
    # that fixed palette is exact enough and five times quicker than an adaptive quantizer.
    cover.quantize(palette=_palette(accent), dither=Image.Dither.NONE).save(out, format="PNG", compress_level=6)
    return out.getvalue(), "image/png"


def _draw_contents(draw, contents, origin: tuple[int, int], width: int, bottom: int, accent) -> None:
    """Sections in the accent's small capitals, each over its first headlines, while they fit."""
    x, y = origin
    label_size, headline_size = int(width * 0.034), int(width * 0.043)
    label_step, line_step = int(width * 0.05), int(width * 0.054)
    for section, headlines in contents[:FRONT_SECTIONS]:
        if y + label_step + line_step > bottom:
            break
        if section:
            label_font = _font(SANS_BOLD, label_size, section)
            draw.rectangle((x, y, x + width, y + max(1, width // 400)), fill=MUTED)
            draw.text((x, y + int(width * 0.012)), _wrap(draw, section.upper(), label_font, width)[0],
                      font=label_font, fill=accent)
            y += label_step
        for headline in headlines[:FRONT_HEADLINES]:
            headline_font = _font(SERIF, headline_size, headline)
            for line in _headline_lines(draw, headline, headline_font, width):
                if y + line_step > bottom:
                    return
                draw.text((x, y), line, font=headline_font, fill=INK)
                y += line_step
            y += int(width * 0.014)  # a breath between two headlines
        y += int(width * 0.012)


def _headline_lines(draw, headline: str, font, width: int) -> list[str]:
    lines = _wrap(draw, " ".join(headline.split()), font, width)
    if len(lines) > HEADLINE_LINES:
        lines = lines[:HEADLINE_LINES]
        while lines[-1] and draw.textlength(lines[-1] + " …", font=font) > width:
            lines[-1] = lines[-1].rsplit(" ", 1)[0] if " " in lines[-1] else lines[-1][:-1]
        lines[-1] += " …"
    return lines


def _palette(accent: tuple[int, int, int]):
    from PIL import Image

    colours = [tuple(round(BACKGROUND[i] + (ink[i] - BACKGROUND[i]) * step / (PALETTE_STEPS - 1)) for i in range(3))
               for ink in (INK, accent, MUTED) for step in range(PALETTE_STEPS)]
    palette = Image.new("P", (1, 1))
    palette.putpalette([value for colour in colours for value in colour])
    return palette


def lead_image(edition: Edition, images: dict[Figure, EmbeddedImage]) -> EmbeddedImage | None:
    """A single article's first embedded picture; None for a book of several articles."""
    if len(edition.articles) != 1:
        return None
    return next((images[f] for f in edition.articles[0].figures if f in images), None)


def front_page(edition: Edition) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A book of several articles: each section's name and first headlines, for the cover."""
    if len(edition.articles) < 2:
        return ()
    return tuple((section.title.strip(), tuple((a.title or "").strip() for a in section.articles[:FRONT_HEADLINES]
                                               if (a.title or "").strip()))
                 for section in edition.sections if section.articles)


def book_cover(edition: Edition, options: WriterOptions, images: dict[Figure, EmbeddedImage]) -> EmbeddedImage | None:
    """The cover: the user's image, else one drawn (with the lead picture of a single
    article), or None when the options ask for no cover."""
    if options.cover:
        path = Path(options.cover).expanduser()
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise UsageError(f"cannot read cover image {path}: {exc.strerror or exc}") from None
        image = normalise_cached(data, str(path), options.images, options.cache)
        if image is None:
            raise UsageError(f"cover {path} is not an image newspack can read")
        return image
    if not options.draw_cover:
        return None
    articles = edition.articles
    single = articles[0] if len(articles) == 1 else None
    masthead = edition.publisher or (single.site_name if single else None) or ""
    language = edition.language or (single.language if single else None)
    date = parse_date(edition.date) or (parse_date(single.date) if single else None)
    lead = lead_image(edition, images)
    text = CoverText(title=edition.title or "", masthead=masthead,
                     date=format_date(date, language) if date else "", contents=front_page(edition))

    from .templates import stylesheets

    ink = CoverInk(accent=theme_accent(stylesheets(options, paged=False)), grayscale=options.grayscale)

    def draw() -> EmbeddedImage:
        data, media_type = draw_cover(text, lead.data if lead else None, ink=ink)
        return embedded_image(data, media_type, "png" if media_type == "image/png" else "jpg", COVER_SIZE)

    # Drawn once per book: the same words, picture and colours give the same cover.
    key = cache_key("cover", repr(text), repr(COVER_SIZE), repr(ink), lead.data if lead else b"")
    return cached_image(options.cache, key, draw)
