import codecs

import pytest

from newspack.sources.encoding import decode
from newspack.errors import InputError


def test_utf8_plain():
    assert decode("Müller sagte: »Ja«".encode()) == "Müller sagte: »Ja«"


@pytest.mark.parametrize("bom,codec", [(codecs.BOM_UTF8, "utf-8"), (b"", "utf-16")])
def test_bom_wins(bom, codec):
    assert decode(bom + "Déjà vu".encode(codec)) == "Déjà vu"


def test_meta_charset_declares_latin1():
    data = '<html><head><meta charset="iso-8859-1"></head><body><p>Café crème</p>'.encode("latin-1")
    assert "Café crème" in decode(data)


def test_http_header_charset_wins_over_guessing():
    data = "Grüße aus Köln".encode("cp1252")
    assert decode(data, content_type="text/html; charset=windows-1252") == "Grüße aus Köln"


def test_mislabelled_utf8_page_still_reads():
    data = '<meta charset="utf-8"><p>Année très réussie à Genève</p>'.encode("cp1252")
    assert "Année très réussie à Genève" in decode(data)


def test_undeclared_legacy_encoding_is_detected_as_western():
    text = "Le maire a déclaré que la rénovation du théâtre coûtera très cher à la commune."
    assert decode(text.encode("cp1252")) == text


def test_corrupt_utf8_is_refused_with_a_hint():
    with pytest.raises(InputError, match="--encoding"):
        decode("Café ".encode() + b"\xff\xfe broken \xc3\x28 bytes")


def test_user_encoding_reads_anyway():
    assert decode(b"caf\xc3\xa9 \xff", encoding="utf-8").startswith("café")


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n" + b"\0" * 50, b"PK\x03\x04rest", b"\x7fELF\x02\x01", bytes(range(32)) * 40])
def test_binary_is_refused(data):
    with pytest.raises(InputError):
        decode(data)


@pytest.mark.parametrize("data", [b"", b"  \n\t "])
def test_empty_is_refused(data):
    with pytest.raises(InputError, match="empty"):
        decode(data)


def test_unknown_user_encoding():
    with pytest.raises(InputError, match="unknown encoding"):
        decode(b"x", encoding="no-such-codec")


@pytest.mark.parametrize("name", ["uu", "base64", "zlib", "rot13x"])
def test_declared_non_text_codec_is_ignored(name):
    # Found by fuzzing: <meta charset="uu"> named a bytes-to-bytes codec and decode() raised.
    assert "Grüße" in decode(f'<meta charset="{name}"><p>Grüße</p>'.encode())


def test_user_non_text_codec_is_refused():
    with pytest.raises(InputError, match="unknown encoding"):
        decode(b"x", encoding="uu")
