"""Images: downloads from a 127.0.0.1 server (never the internet), the cache, the address
policy on redirects, and the conversion every embedded image goes through."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from newspack.sources import net
from newspack.cli.commands import cli
from newspack.errors import FetchError
from newspack.images.download import ImageFetchOptions, cache_path, download_images, image_folder
from newspack.model import Article, Edition, Figure, Paragraph
from newspack.images.embed import ImageSettings, collect_images, normalise_image

from tests.checks import epubcheck_messages

#: A 40-megapixel camera original (7752 x 5168), the largest the issue asks us to take.
BIG_SIZE = (7752, 5168)


def encode(img: Image.Image, fmt: str, **kwargs) -> bytes:
    out = io.BytesIO()
    img.save(out, fmt, **kwargs)
    return out.getvalue()


def photo(size=(800, 600), mode="RGB") -> Image.Image:
    """A picture with detail (gradients and grain), so encoders have something to compress."""
    gradient = Image.linear_gradient("L").resize(size)
    if mode == "L":
        return gradient
    return Image.merge("RGB", (gradient, gradient.transpose(Image.Transpose.FLIP_LEFT_RIGHT),
                               Image.effect_noise((min(size[0], 1000), min(size[1], 1000)), 60).resize(size)))


@pytest.fixture(scope="session")
def big_jpeg() -> bytes:
    return encode(photo(BIG_SIZE), "JPEG", quality=90)


@pytest.fixture
def cache(tmp_path) -> ImageFetchOptions:
    return ImageFetchOptions(cache_dir=str(tmp_path / "cache"), allow_private=True)


@pytest.fixture
def served(http_server, big_jpeg):
    """The test server with a WebP, a 40 Mpx JPEG, an HTML page posing as an image, and two
    redirects that leave the allowed addresses; /missing.jpg is a 404."""
    routes = http_server.routes
    routes["/photo.webp"] = (200, {"Content-Type": "image/webp"}, encode(photo(), "WEBP", quality=80))
    routes["/big.jpg"] = (200, {"Content-Type": "image/jpeg"}, big_jpeg)
    routes["/fake.jpg"] = (200, {"Content-Type": "image/jpeg"}, b"<html><body>not a picture</body></html>")
    routes["/to-file.jpg"] = (302, {"Location": "file:///etc/passwd"}, b"")
    routes["/to-metadata.jpg"] = (302, {"Location": "http://169.254.169.254/latest/meta-data/"}, b"")
    routes["/hop.jpg"] = (301, {"Location": "/photo.webp"}, b"")
    return http_server


def article_with(*srcs: str) -> Article:
    return Article(title="Pictures", language="en", date="2024-06-01",
                   blocks=(Paragraph("Text."),) + tuple(
                       Figure(src=src, alt=f"alt {i}", caption=f"Caption {i}.") for i, src in enumerate(srcs)))


# --- downloading ---------------------------------------------------------------------------

@pytest.mark.slow
def test_download_rewrites_sources_to_the_cache_and_warns_about_failures(served, cache):
    base = served.base
    article = article_with(f"{base}/photo.webp", f"{base}/big.jpg", f"{base}/missing.jpg",
                           f"{base}/fake.jpg", f"{base}/to-file.jpg", f"{base}/hop.jpg")
    result = download_images([article], cache)
    srcs = [f.src for f in result.articles[0].figures]
    root = Path(result.root)
    assert root == image_folder(cache)
    for src in (srcs[0], srcs[1], srcs[5]):
        assert src.startswith("file://") and Path(src[7:]).resolve().is_relative_to(root)
    assert srcs[2:5] == [f"{base}/missing.jpg", f"{base}/fake.jpg", f"{base}/to-file.jpg"]
    problems = "\n".join(result.warnings)
    assert len(result.warnings) == 3
    assert "missing.jpg: HTTP 404" in problems
    assert "fake.jpg: not a raster image (image/jpeg)" in problems
    assert "to-file.jpg" in problems and "only http and https" in problems
    # Captions stay whatever happened to the picture.
    assert [f.caption for f in result.articles[0].figures] == [f"Caption {i}." for i in range(6)]


@pytest.mark.slow
def test_redirect_to_a_private_address_is_refused_after_dns(served, cache, monkeypatch):
    # The test server stands for a public host: only 127.0.0.1 counts as public here, so the
    # redirect to the cloud metadata address is what the policy must catch.
    real = net._is_public
    monkeypatch.setattr(net, "_is_public", lambda ip: ip == "127.0.0.1" or real(ip))
    strict = ImageFetchOptions(cache_dir=cache.cache_dir, allow_private=False)
    result = download_images([article_with(f"{served.base}/to-metadata.jpg", f"{served.base}/photo.webp")], strict)
    assert result.articles[0].figures[0].src == f"{served.base}/to-metadata.jpg"
    assert result.articles[0].figures[1].src.startswith("file://")
    assert len(result.warnings) == 1 and "169.254.169.254" in result.warnings[0]
    assert "/latest/meta-data/" not in served.hits  # never reached (it is not this server anyway)


@pytest.mark.slow
def test_loopback_refused_without_allow_private(served, tmp_path):
    result = download_images([article_with(f"{served.base}/photo.webp")],
                             ImageFetchOptions(cache_dir=str(tmp_path / "c")))
    assert "private or local address" in result.warnings[0]
    assert served.hits == []


def test_connection_to_a_private_peer_is_refused():
    net.check_peer("http://example.com/", ("93.184.216.34", 80))
    net.check_peer("http://example.com/", ("127.0.0.1", 80), allow_private=True)
    for peer in (("127.0.0.1", 80), ("10.1.2.3", 443), ("::1", 80, 0, 0), ("169.254.169.254", 80)):
        with pytest.raises(FetchError):
            net.check_peer("http://rebound.example/", peer)


@pytest.mark.slow
def test_size_cap_and_cache_across_runs(served, cache):
    capped = ImageFetchOptions(cache_dir=cache.cache_dir, allow_private=True, max_bytes=10_000)
    result = download_images([article_with(f"{served.base}/big.jpg")], capped)
    assert "too large" in result.warnings[0]
    assert not cache_path(image_folder(cache), f"{served.base}/big.jpg").exists()

    first = download_images([article_with(f"{served.base}/photo.webp")], cache)
    hits = len(served.hits)
    second = download_images([article_with(f"{served.base}/photo.webp")], cache)
    assert len(served.hits) == hits  # read from the cache, not the server
    assert first.articles == second.articles and second.warnings == ()


@pytest.mark.slow
def test_same_url_in_two_articles_is_fetched_once(served, cache):
    url = f"{served.base}/photo.webp"
    result = download_images([article_with(url), article_with(url, url)],
                             ImageFetchOptions(cache_dir=cache.cache_dir, allow_private=True, concurrency=2))
    assert served.hits.count("/photo.webp") == 1
    assert len({f.src for a in result.articles for f in a.figures}) == 1


def test_nothing_remote_nothing_fetched(cache, tmp_path):
    article = article_with("data:image/png;base64,AAAA")
    result = download_images([article], cache)
    assert result.articles == (article,) and result.warnings == ()
    assert not Path(result.root).exists()


# --- conversion ----------------------------------------------------------------------------

@pytest.mark.slow
def test_40_megapixel_jpeg_is_downsampled(big_jpeg):
    image = normalise_image(big_jpeg, "big.jpg")
    assert image.media_type == "image/jpeg"
    with Image.open(io.BytesIO(image.data)) as img:
        assert max(img.size) == 1600 and img.size == (image.width, image.height)
        assert abs(img.width / img.height - BIG_SIZE[0] / BIG_SIZE[1]) < 0.01
    assert len(image.data) < len(big_jpeg) / 10


@pytest.mark.slow
def test_webp_avif_gif_become_jpeg_or_png():
    assert normalise_image(encode(photo(), "WEBP")).media_type == "image/jpeg"
    assert normalise_image(encode(photo(), "AVIF")).media_type == "image/jpeg"
    gif = normalise_image(encode(photo().convert("P"), "GIF"))
    assert gif.media_type == "image/png" and gif.data.startswith(b"\x89PNG")
    alpha = normalise_image(encode(Image.new("RGBA", (40, 40), (0, 0, 0, 0)), "WEBP", lossless=True))
    assert alpha.media_type == "image/png"


def test_exif_stripped_and_orientation_applied():
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated 90 degrees: the camera was held upright
    exif[0x010F] = "SpyCam"
    exif[0x8825] = {2: (48.0, 51.0, 30.0)}  # a GPS position
    data = encode(photo((300, 200)), "JPEG", exif=exif.tobytes())
    image = normalise_image(data)
    assert b"SpyCam" not in image.data and b"Exif" not in image.data
    with Image.open(io.BytesIO(image.data)) as img:
        assert img.size == (200, 300)  # turned upright before the EXIF went
        assert not img.getexif()


@pytest.mark.slow
def test_small_clean_jpeg_kept_byte_for_byte_and_options_apply():
    data = encode(photo((400, 300)), "JPEG", quality=50)  # grain at full size: q85 is larger
    assert normalise_image(data).data == data
    small = normalise_image(data, settings=ImageSettings(max_edge=200))
    assert max(Image.open(io.BytesIO(small.data)).size) == 200
    grey = normalise_image(data, settings=ImageSettings(grayscale=True))
    assert Image.open(io.BytesIO(grey.data)).mode == "L"
    big = encode(photo((1200, 900)), "JPEG", quality=95)
    low = normalise_image(big, settings=ImageSettings(quality=40))
    high = normalise_image(big, settings=ImageSettings(quality=90))
    assert len(low.data) < len(high.data) < len(big)


def test_bomb_guard_refuses_huge_images():
    # A PNG that claims 60,000 x 60,000 pixels: refused from its header, never decoded.
    header = encode(Image.new("1", (1, 1)), "PNG")
    ihdr = header.index(b"IHDR")
    bomb = header[:ihdr + 4] + (60000).to_bytes(4, "big") * 2 + header[ihdr + 12:]
    assert normalise_image(bomb) is None


# --- end to end ----------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html lang="en"><head><title>Harbour pictures</title></head><body>
<article><h1>Harbour pictures from the new quay</h1>
<p class="byline">By Ann Reporter</p>
<p>The quay reopened on Saturday after two years of works, and the first boats came in at dawn.</p>
<figure><img src="/photo.webp" alt="Boats at the quay"><figcaption>Boats at the new quay. Photo: Jo Lens</figcaption></figure>
<p>Fishermen said the new berths were deeper and safer than the old ones had ever been.</p>
<figure><img src="/big.jpg" alt="The harbour from the hill"><figcaption>The harbour from the hill.</figcaption></figure>
<p>The council expects the works to pay for themselves within a decade of busy seasons.</p>
<figure><img src="/missing.jpg" alt=""><figcaption>A picture that is gone.</figcaption></figure>
<figure><img src="/to-file.jpg" alt=""><figcaption>A picture that redirects away.</figcaption></figure>
<p>More boats are expected next week, when the season for mackerel begins in earnest here.</p>
</article></body></html>"""


@pytest.mark.slow
def test_article_with_remote_images_makes_a_clean_epub(served, tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSPACK_CACHE_DIR", str(tmp_path / "cache"))
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    out = tmp_path / "pictures.epub"
    result = CliRunner().invoke(cli, ["article", str(page), "--url", f"{served.base}/story",
                                      "--allow-private", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr.count(f"warning: {page}: image not embedded") == 2, result.stderr
    with zipfile.ZipFile(out) as book:
        pictures = [n for n in book.namelist() if n.startswith("EPUB/images/img-")]
        chapter = book.read("EPUB/article-001.xhtml").decode()
        sizes = [Image.open(io.BytesIO(book.read(n))).size for n in pictures]
    assert len(pictures) == 2 and max(max(s) for s in sizes) == 1600
    assert "A picture that is gone." in chapter and "A picture that redirects away." in chapter
    assert chapter.count("<img") == 2
    code, lines = epubcheck_messages(out)
    assert (code, lines) == (0, [])


@pytest.mark.slow
def test_no_download_leaves_remote_images_alone(served, tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSPACK_CACHE_DIR", str(tmp_path / "cache"))
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["article", str(page), "--url", f"{served.base}/story", "--allow-private",
                                      "--no-download", "--to", "html", "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 0, result.output
    assert served.hits == [] and "warning" not in result.stderr


def test_collect_images_decodes_each_source_once(tmp_path):
    pic = tmp_path / "p.jpg"
    pic.write_bytes(encode(photo((100, 80)), "JPEG"))
    figures = [Figure(src=pic.as_uri(), caption=f"c{i}") for i in range(3)]
    edition = Edition.single(Article(title="t", blocks=tuple(figures)), allowed_roots=(str(tmp_path),))
    images = collect_images(edition)
    assert len(images) == 3 and len({id(i) for i in images.values()}) == 1


def _photo_edition(folder: Path) -> Edition:
    picture = Image.effect_noise((900, 600), 40).convert("RGB")
    path = folder / "photo.jpg"
    picture.save(path, "JPEG", quality=95)
    article = Article(title="Cached", date="2025-03-20", blocks=(Paragraph("Text."), Figure(src=path.as_uri(), caption="A photo")))
    return Edition.single(article, allowed_roots=(str(folder),))


@pytest.mark.slow
def test_processed_images_and_the_cover_are_made_once_per_content_and_options(tmp_path, monkeypatch):
    from newspack.writers import cover as cover_module
    from newspack.writers import WriterOptions, write_epub
    from newspack.images import embed as images_module

    edition = _photo_edition(tmp_path)
    options = WriterOptions(cache_dir=str(tmp_path / "cache"), image_width=400)
    first = write_epub(edition, options)
    assert len(list((tmp_path / "cache").iterdir())) == 2  # the picture and the cover

    def fail(*args, **kwargs):
        raise AssertionError("processed again")

    monkeypatch.setattr(images_module, "normalise_image", fail)
    monkeypatch.setattr(cover_module, "draw_cover", fail)
    assert write_epub(edition, options) == first  # read back from the cache, same bytes
    with pytest.raises(AssertionError, match="processed again"):  # other options: another key
        write_epub(edition, WriterOptions(cache_dir=str(tmp_path / "cache"), image_width=300))
    monkeypatch.undo()
    assert write_epub(edition, WriterOptions(image_width=400)) == first  # same bytes without a cache


@pytest.mark.slow
def test_a_damaged_cache_folder_costs_only_time(tmp_path):
    from newspack.writers import WriterOptions, write_epub

    edition = _photo_edition(tmp_path)
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("x")
    assert write_epub(edition, WriterOptions(cache_dir=str(blocked))) == write_epub(edition, WriterOptions())


def test_the_cache_key_changes_with_the_code_that_makes_the_images(tmp_path, monkeypatch):
    from newspack.images import cache

    maker = tmp_path / "maker.py"
    maker.write_text("one")
    monkeypatch.setattr(cache, "_MAKERS", (maker,))
    cache._makers_digest.cache_clear()
    first = cache.cache_key("image", b"bytes")
    maker.write_text("two")
    cache._makers_digest.cache_clear()
    assert cache.cache_key("image", b"bytes") != first
    cache._makers_digest.cache_clear()


@pytest.mark.slow
def test_cached_pictures_are_written_like_books(tmp_path, served, cache):
    # one atomic write (newspack.files) for books, downloads and processed images: each cached
    # file gets a new file's permissions, where the two hand-written copies left mkstemp's 0600
    import os

    from newspack.images.cache import cached_image
    from newspack.images.picture import embedded_image

    mask = os.umask(0o022)
    try:
        import importlib

        import newspack.files
        importlib.reload(newspack.files)
        image = cached_image(tmp_path / "processed", "k",
                             lambda: embedded_image(b"\xff\xd8jpeg", "image/jpeg", "jpg", (2, 3)))
        download_images([article_with(f"{served.base}/photo.webp")], cache)
    finally:
        os.umask(mask)
        importlib.reload(newspack.files)
    written = [p for folder in (tmp_path / "processed", image_folder(cache)) for p in folder.rglob("*") if p.is_file()]
    assert image is not None and len(written) == 2
    assert {oct(p.stat().st_mode & 0o777) for p in written} == {"0o644"}
    assert not [p for p in written if p.name.endswith(".part")]
