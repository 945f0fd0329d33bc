import json

from newspack.language import detect_language, normalize_language
from newspack.model import Article, Edition, Figure, Heading, ListBlock, Paragraph, Quote
from newspack.phrases import fold, is_boilerplate, is_label, starts_with_teaser
from newspack.serialize import article_to_dict, to_json, to_markdown, to_text

ARTICLE = Article(
    title="Le pont rouvre",
    byline="Anne Morel",
    date="2024-05-02",
    site_name="Le Courrier",
    language="fr",
    source="page.html",
    blocks=(
        Paragraph("Le pont suspendu rouvre lundi."),
        Heading("Des travaux", level=3),
        Quote("C'est un soulagement", attribution="un habitant"),
        ListBlock(("un", "deux"), ordered=True),
        Figure(src="https://example.org/p.jpg", alt="Le pont", caption="Le pont au matin.", credit="J. Roux/AFP"),
    ),
)


def test_contract_fields_and_block_shapes():
    doc = json.loads(to_json(article_to_dict(ARTICLE), pretty=False))
    assert {"source", "title", "byline", "date", "site_name", "language", "url", "blocks"} <= set(doc)
    kinds = [b["type"] for b in doc["blocks"]]
    assert kinds == ["paragraph", "heading", "quote", "list", "figure"]
    assert doc["blocks"][1]["level"] == 3
    assert doc["blocks"][3] == {"type": "list", "ordered": True, "items": ["un", "deux"]}
    assert doc["blocks"][4]["credit"] == "J. Roux/AFP" and "AFP" not in doc["blocks"][4]["caption"]


def test_body_text_excludes_figures():
    assert "Le pont au matin" not in ARTICLE.body_text
    assert "un\ndeux" in ARTICLE.body_text


def test_markdown_and_text():
    md = to_markdown(ARTICLE)
    assert md.startswith("# Le pont rouvre") and "### Des travaux" in md and "1. un" in md
    assert "![Le pont](https://example.org/p.jpg)" in md
    text = to_text(ARTICLE)
    assert "[Figure: Le pont au matin. (J. Roux/AFP)]" in text


def test_single_edition_takes_article_metadata():
    edition = Edition.single(ARTICLE)
    assert edition.title == "Le pont rouvre" and edition.language == "fr" and edition.articles == (ARTICLE,)


def test_language_guess():
    assert detect_language("Le maire a déclaré que les travaux du pont seront terminés avant la fin de l'été.") == "fr"
    assert detect_language("Der Bürgermeister sagte, dass die Brücke noch in diesem Jahr fertig wird.") == "de"
    assert detect_language("El alcalde dijo que las obras del puente terminarán antes del verano.") == "es"
    assert detect_language("Il sindaco ha detto che i lavori del ponte saranno finiti entro l'estate.") == "it"
    assert detect_language("O prefeito disse que as obras da ponte vão terminar antes do verão.") == "pt"
    assert detect_language("The mayor said the bridge works would be finished before the summer.") == "en"
    assert detect_language("Kyiv") is None and detect_language("") is None
    assert normalize_language("fr-FR") == "fr" and normalize_language("en_US") == "en" and normalize_language("??") is None


def test_phrases():
    assert fold("  Share   Post: ") == "share post"
    assert is_label("STAY CONNECTED")
    assert starts_with_teaser("Lesen Sie auch: Die Brücke")
    assert is_boilerplate("En vous abonnant, vous pouvez nous aider.")
    assert not is_boilerplate("Le maire a partagé son avis sur le pont.")
