"""The document model: derived views and the one-article edition."""
from __future__ import annotations

from newspack.model import Edition
from tests.writers.test_extract import ARTICLE


def test_body_text_excludes_figures():
    assert "Le pont au matin" not in ARTICLE.body_text
    assert "un\ndeux" in ARTICLE.body_text


def test_single_edition_takes_article_metadata():
    edition = Edition.single(ARTICLE)
    assert edition.title == "Le pont rouvre" and edition.language == "fr" and edition.articles == (ARTICLE,)
