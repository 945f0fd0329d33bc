"""Unit tests for the HTML reader on tiny inline pages."""
from __future__ import annotations

import json

from newspack.model import Figure, Heading, ListBlock, Paragraph, Quote
from newspack.readers.html.reader import read_html
from newspack.readers.html.figures import split_credit, strip_credit_label
from newspack.readers.html.byline import clean_byline
from newspack.readers.html.metadata import strip_site_suffix

PROSE = (
    "The council met on Tuesday evening to discuss the budget, and members argued for hours "
    "about the cost of repairs, the state of the roads, and the future of the library."
)


def page(body: str, head: str = "", lang: str = "en") -> str:
    paras = "".join(f"<p>Paragraph {i}. {PROSE}</p>" for i in range(4))
    return (f'<!doctype html><html lang="{lang}"><head>{head}</head><body>'
            f"<article><h1>Council passes budget</h1>{body}<div class='story'>{paras}</div></article></body></html>")


def body_texts(article) -> list[str]:
    return [b.text for b in article.blocks if isinstance(b, (Paragraph, Heading, Quote))]


def test_jsonld_graph_metadata():
    ld = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "Example Times"},
        {"@type": ["NewsArticle"], "headline": "Council passes budget",
         "author": [{"@type": "Person", "name": "Ann Lee"}, {"@type": "Person", "name": "Bo Kim"}],
         "datePublished": "2024-05-02T08:00:00-04:00", "dateModified": "2024-05-03T08:00:00-04:00"},
    ]}
    art = read_html(page("", f'<script type="application/ld+json">{json.dumps(ld)}</script>'))
    assert art.title == "Council passes budget"
    assert art.byline == "Ann Lee and Bo Kim"
    assert art.date == "2024-05-02T08:00:00-04:00"
    assert art.site_name == "Example Times"
    assert art.language == "en"


def test_og_fallback_and_title_suffix():
    head = ('<title>Council passes budget | Example Times</title>'
            '<meta property="og:site_name" content="Example Times">'
            '<meta property="article:published_time" content="2024-05-02">'
            '<meta property="og:url" content="https://example.com/budget">')
    markup = page("", head).replace("<h1>Council passes budget</h1>", "")
    art = read_html(markup)
    assert art.title == "Council passes budget"
    assert art.site_name == "Example Times"
    assert art.date == "2024-05-02"
    assert art.url == "https://example.com/budget"


def test_strip_site_suffix_forms():
    assert strip_site_suffix("Big news - The Daily", None) == "Big news"
    assert strip_site_suffix("Big news — The Daily", "The Daily") == "Big news"
    assert strip_site_suffix("Big news", "The Daily") == "Big news"


def test_byline_prefixes_in_several_languages():
    assert clean_byline("By Jane Roe, Local Democracy Reporter") == "Jane Roe"
    assert clean_byline("Par Claire Dumont (Nantes, envoyée spéciale) et Julien Ferrand") == "Claire Dumont et Julien Ferrand"
    assert clean_byline("Von Lukas Hofbauer und Theresa Gruber") == "Lukas Hofbauer und Theresa Gruber"
    assert clean_byline("Por Ana Lima e Rafael Tavares, Portal Norte — São Paulo") == "Ana Lima e Rafael Tavares"
    assert clean_byline("di Giulia Ferraris") == "Giulia Ferraris"


def test_byline_from_dom_not_from_comments():
    body = ('<div class="meta">Von <a href="/a">Lukas Hofbauer</a> und <a href="/b">Theresa Gruber</a> '
            '<time datetime="2025-08-21">21. August 2025</time></div>')
    markup = page(body, lang="de").replace(
        "</article>", '</article><section class="comments"><p class="comment-author">Troll99</p></section>')
    art = read_html(markup)
    assert art.byline == "Lukas Hofbauer und Theresa Gruber"
    assert art.date == "2025-08-21"
    assert art.language == "de"


def test_lazy_image_and_srcset():
    body = ('<figure><img src="data:image/gif;base64,R0lGOD" data-src="/img/a-800.jpg" '
            'data-srcset="/img/a-400.jpg 400w, /img/a-1600.jpg 1600w" alt="A">'
            '<figcaption>The harbour at dawn. Photo: Jo Bloggs/Agency</figcaption></figure>')
    art = read_html(page(body), url="https://news.example/story")
    (fig,) = art.figures
    assert fig.src == "https://news.example/img/a-1600.jpg"
    assert fig.caption == "The harbour at dawn."
    assert fig.credit == "Jo Bloggs/Agency"
    assert fig.alt == "A"


def test_lazy_src_over_placeholder():
    body = '<figure><img src="/static/placeholder.gif" data-lazy-src="/img/b.jpg"><figcaption>Quay.</figcaption></figure>'
    art = read_html(page(body), url="https://news.example/x/story")
    assert art.figures[0].src == "https://news.example/img/b.jpg"


def test_caption_credit_split_forms():
    assert split_credit("A wolf in a park. (Photo: Jenna Hoyt/Associated Press)") == ("A wolf in a park.", "Jenna Hoyt/Associated Press")
    assert split_credit("Le pont, le 3 mai. | Photo : Jean Dupont") == ("Le pont, le 3 mai.", "Jean Dupont")
    assert split_credit("Sala de embarque — Foto: Divulgação/Prefeitura") == ("Sala de embarque", "Divulgação/Prefeitura")
    assert split_credit("Il borgo visto dalla valle (foto Ansa)") == ("Il borgo visto dalla valle", "Ansa")
    assert split_credit("Chart of visits. Source: records. Graphic: Ines Carvalho") == ("Chart of visits. Source: records.", "Ines Carvalho")
    assert split_credit("A plain caption.") == ("A plain caption.", None)
    assert strip_credit_label("Foto: Philipp Schulze / dpa") == "Philipp Schulze / dpa"
    assert strip_credit_label("© IMAGO/Rainer Kühn") == "IMAGO/Rainer Kühn"
    assert strip_credit_label("Crédit : AFP") == "AFP"


def test_credit_in_separate_element():
    body = ('<figure><img src="https://cdn.example/p.jpg" width="900" height="600">'
            '<figcaption><p class="caption">Sheep on a hill.</p><span class="copyright">Foto: Max Muster / dpa</span>'
            '</figcaption></figure>')
    fig = read_html(page(body)).figures[0]
    assert (fig.caption, fig.credit) == ("Sheep on a hill.", "Max Muster / dpa")


def test_share_bar_related_and_teaser_removed():
    body = ('<div class="share-tools"><a href="https://facebook.com/sharer">Share on Facebook</a></div>'
            '<aside class="related"><h3>Related</h3><ul><li><a href="/x">Other story headline here</a></li></ul></aside>'
            '<p><strong>Read more:</strong> <a href="/y">Another story about the council</a></p>')
    art = read_html(page(body))
    text = " ".join(body_texts(art))
    assert "Share on Facebook" not in text
    assert "Other story headline" not in text
    assert "Read more" not in text
    assert "Council passes budget" not in text  # never the title as a body block
    assert sum("Paragraph" in t for t in body_texts(art)) == 4


def test_structure_kept():
    story = (f"<p>{PROSE}</p><h2>What next</h2><ul><li>First item of the plan</li><li>Second item</li></ul>"
             f"<blockquote><p>We will fix it.</p><cite>The mayor</cite></blockquote><p>In the end, {PROSE}</p>")
    art = read_html(page(story))
    kinds = [type(b) for b in art.blocks]
    assert Heading in kinds and ListBlock in kinds and Quote in kinds
    quote = next(b for b in art.blocks if isinstance(b, Quote))
    assert quote.text == "We will fix it." and quote.attribution == "The mayor"
    lst = next(b for b in art.blocks if isinstance(b, ListBlock))
    assert lst.items == ("First item of the plan", "Second item")


def test_relative_urls_base_then_canonical_then_url():
    fig = '<figure><img src="img/p.jpg" width="800" height="600"><figcaption>Cap.</figcaption></figure>'
    with_base = page(fig, '<base href="https://static.example/site/"><link rel="canonical" href="https://www.example/a/b">')
    assert read_html(with_base, url="file:///tmp/page.html").figures[0].src == "https://static.example/site/img/p.jpg"
    with_canonical = page(fig, '<link rel="canonical" href="https://www.example/a/b">')
    art = read_html(with_canonical, url="file:///tmp/page.html")
    assert art.figures[0].src == "https://www.example/a/img/p.jpg"
    assert art.url == "https://www.example/a/b"
    plain = read_html(page(fig), url="file:///tmp/page.html")
    assert plain.figures[0].src == "file:///tmp/img/p.jpg"
    assert plain.url is None


def test_whitespace_normalised():
    art = read_html(page(f"<p>Un\u00a0pont\u202f: «\u00a0fermé\u00a0»\n\t{PROSE}</p>", lang="fr"))
    assert any(t.startswith("Un pont : « fermé » The council") for t in body_texts(art))


def test_language_detected_when_undeclared():
    markup = page("").replace(' lang="en"', "")
    assert read_html(markup).language == "en"


def test_malformed_html_does_not_crash():
    for markup in ["", "<", "<html><body><p>unclosed <b>bold <div></p></span>", "<?xml version='1.0' encoding='utf-8'?><html><p>x</p>",
                   "\x00\x01<p>binary</p>", "<table><tr><td><p>cell</table></td>"]:
        art = read_html(markup)
        assert art.blocks is not None


def test_deep_nesting_does_not_crash_or_lose_text():
    deep = "<div>" * 2000 + "".join(f"<p>Deep {i}. {PROSE}</p>" for i in range(3)) + "</div>" * 2000
    art = read_html(f"<html><body><h1>Deep page</h1>{deep}</body></html>")
    assert sum("Deep" in t for t in body_texts(art)) == 3


def test_wordpress_tag_classes_on_article_do_not_hide_the_byline():
    page = """<html lang="es"><body><article class="post type-post tag-pesca category-costa">
    <h1>La flota amarra en protesta</h1>
    <span class="byline">Por <span class="author vcard"><a class="url fn n" href="/a/">Lucía Errazquin</a></span></span>
    <p>Los barcos de la cofradía no saldrán a faenar hasta que el Gobierno revise el reparto de la cuota.</p>
    <p>Los armadores dicen que el recorte condena a la pesca artesanal de toda la costa del norte.</p>
    </article></body></html>"""
    article = read_html(page)
    assert article.byline == "Lucía Errazquin"
    assert any("cofradía" in b.text for b in article.blocks if isinstance(b, Paragraph))


def test_utc_json_ld_date_is_given_in_the_page_time_zone():
    page = """<html lang="de"><head><script type="application/ld+json">
    {"@type": "NewsArticle", "headline": "Stadtbahn kommt", "datePublished": "2025-03-14T23:45:00Z"}
    </script><meta property="article:published_time" content="2025-03-15T00:45:00+01:00"></head>
    <body><article><h1>Stadtbahn kommt</h1><p>Der Rat hat am Freitag spät in der Nacht den Bau der neuen Stadtbahn beschlossen.</p>
    <p>Die Strecke soll sechs neue Haltestellen bekommen und im Jahr 2029 fertig sein.</p></article></body></html>"""
    assert read_html(page).date.startswith("2025-03-15")


def test_paywalled_part_declared_in_json_ld_is_story_text():
    page = """<html lang="en"><head><script type="application/ld+json">
    {"@type": "NewsArticle", "headline": "Dam works", "isAccessibleForFree": "False",
     "hasPart": {"@type": "WebPageElement", "isAccessibleForFree": "False", "cssSelector": ".x-paywall-9"}}
    </script></head><body><article><h1>Dam works</h1>
    <p>The first half of the story explains why the dam needs new sluice gates before the winter floods.</p>
    <div class="x-paywall-9"><p>The second half of the story, for subscribers, gives the cost of the sluice gates and the timetable.</p>
    <p>Engineers expect the work to last eighteen months and to close the towpath for most of that time.</p></div>
    </article></body></html>"""
    text = read_html(page).body_text
    assert "second half of the story" in text and "eighteen months" in text


# ---------------------------------------------------------------- captions and embeds (issue 3)

def in_story(inner: str) -> str:
    """A page whose story container holds ``inner`` between its paragraphs."""
    paras = [f"<p>Paragraph {i}. {PROSE}</p>" for i in range(4)]
    return ('<!doctype html><html lang="en"><body><article><h1>Council passes budget</h1><div class="story">'
            + "".join(paras[:2]) + inner + "".join(paras[2:]) + "</div></article></body></html>")


def test_caption_of_a_script_loaded_image_is_a_figure_not_body_text():
    body = ('<figure class="photo"><div class="placeholder"></div><figcaption><span>The mayor at the podium.</span>'
            '<span class="credit">Jo Bloggs / AP</span></figcaption></figure>')
    art = read_html(in_story(body))
    assert not any("podium" in t for t in body_texts(art))
    fig = next(f for f in art.figures if "podium" in f.caption)
    assert (fig.src, fig.caption, fig.credit) == (None, "The mayor at the podium.", "Jo Bloggs / AP")


def test_figcaption_outside_its_figure_joins_it():
    body = ('<div><figure><img src="https://cdn.example/a.jpg" width="800" height="500"></figure>'
            '<figcaption>FILE PHOTO: Traders on the floor. REUTERS/Jo Bloggs</figcaption></div>')
    art = read_html(in_story(body))
    assert not any("Traders" in t for t in body_texts(art))
    (fig,) = art.figures
    assert fig.src == "https://cdn.example/a.jpg" and "Traders on the floor" in fig.caption


def test_caption_named_element_and_nested_picture_sources():
    body = ('<div class="image-ct"><picture><source srcset="https://cdn.example/b-800.jpg 800w">'
            '<img src="https://cdn.example/b.jpg" alt=""></source></picture></div>'
            '<div class="caption"><p>Workers load timber outside the yard.</p></div>')
    art = read_html(in_story(body))
    assert not any("timber" in t for t in body_texts(art))
    assert any("timber" in f.caption for f in art.figures)


def test_gallery_list_of_figures_gives_figures():
    items = "".join(f'<li><figure><img src="https://cdn.example/g{i}.jpg" width="800" height="500">'
                    f'<figcaption>Gallery picture number {i}. Credit: ESA</figcaption></figure></li>' for i in range(2))
    art = read_html(in_story(f'<ul class="article-gallery">{items}</ul>'))
    assert [f.caption for f in art.figures] == ["Gallery picture number 0.", "Gallery picture number 1."]
    assert not any(isinstance(b, ListBlock) for b in art.blocks)


def test_embedded_post_in_a_social_wrapper_is_kept():
    body = ('<div class="social-media-embed"><blockquote class="twitter-tweet"><p>The bridge is finally open '
            'and the queue is already a mile long.</p>— Jo Bloggs (@jobloggs) <a href="https://twitter.com/x">May 2, 2024</a>'
            '</blockquote></div><div class="social-share"><a href="/s">Share on X</a></div>')
    art = read_html(in_story(body))
    quotes = [b.text for b in art.blocks if isinstance(b, Quote)]
    assert any("queue is already a mile long" in q for q in quotes)
    assert "Share on X" not in art.body_text


def test_teaser_prefix_needs_its_colon():
    body = ("<p>Video: <a href='/v'>The flood in pictures</a></p>"
            f"<p>Video footage shows the river breaking its banks, and {PROSE}</p>")
    texts = body_texts(read_html(in_story(body)))
    assert any(t.startswith("Video footage shows") for t in texts)
    assert not any(t.startswith("Video: ") for t in texts)


def test_date_lines_and_shortcodes_are_not_story_text():
    body = ("<p>November 18, 2019 at 2:26 PM HST - Updated November 18 at 4:46 PM</p>"
            "<p>segunda-feira, 22 de janeiro de 2018 às 0:13</p>"
            "<p>[button link=\"https://example.org/x\" type=\"big\"] Send us your review[/button]</p>"
            "<p>In 2019 the council met eleven times, and it will meet again on Tuesday, May 5.</p>")
    texts = body_texts(read_html(in_story(body)))
    assert not any("2:26 PM" in t or "janeiro" in t or "[button" in t for t in texts)
    assert any(t.startswith("In 2019 the council") for t in texts)


def test_caption_above_the_story_is_not_the_standfirst():
    markup = ('<html lang="en"><body><article><h1>Council passes budget</h1>'
              '<div class="lead-image"><div class="placeholder"></div><div class="image-caption">'
              'The mayor, centre, signs the budget in the council chamber on Tuesday evening.</div></div>'
              '<div class="story">' + "".join(f"<p>Paragraph {i}. {PROSE}</p>" for i in range(4)) +
              "</div></article></body></html>")
    assert not any("signs the budget" in t for t in body_texts(read_html(markup)))


def test_short_text_stops_early():
    from newspack.readers.html.dom import parse_html, short_text

    root = parse_html("<div><span>By  Jane\u00a0Roe</span><p>" + "x " * 500 + "</p></div>")
    assert short_text(root.find(".//span"), 20) == "By Jane Roe"
    assert short_text(root.find(".//div"), 240) is None


def test_pull_quote_attribution_in_figcaption_stays_text():
    body = ('<figure class="pullquote"><blockquote><p>We will not close the library while I am mayor.</p></blockquote>'
            '<figcaption>— Mayor Ann Lee, at the council meeting</figcaption></figure>')
    art = read_html(in_story(body))
    assert not any("Mayor Ann Lee" in (f.caption or "") for f in art.figures)
    assert "Mayor Ann Lee" in art.body_text


def test_line_breaks_separate_words_and_byline_ends_before_the_date():
    markup = ('<html lang="en"><body><article><h1>Council passes budget</h1>'
              '<h3 class="byline">by Jeff Foust<br><span class="datetime">Monday, November 18, 2019</span></h3>'
              '<div class="story"><p>First line<br>second line. ' + PROSE + '</p>'
              + "".join(f"<p>Paragraph {i}. {PROSE}</p>" for i in range(3)) + "</div></article></body></html>")
    art = read_html(markup)
    assert art.byline == "Jeff Foust"
    texts = body_texts(art)
    assert texts[0].startswith("First line second line.")
    assert not any("Foust" in t for t in texts)


def test_headline_worded_differently_in_metadata_is_not_body():
    head = '<meta property="og:title" content="Budget: what the council decided on Tuesday night">'
    art = read_html(page("", head))
    # the same story reworded for search: the headline as printed is the title, and not body
    assert art.title == "Council passes budget"
    assert "Council passes budget" not in body_texts(art)


def test_malformed_image_url_is_dropped_not_fatal():
    # Found by fuzzing: "http://[..." makes urlsplit raise; such a link names no image.
    page = """<html lang="en"><body><article><h1>Bridge</h1>
    <figure><img src="http://[oops/bridge.jpg"><figcaption>The old bridge at dawn. Photo: Ann Lee</figcaption></figure>
    <p>The old bridge will close for repairs next spring, the council said on Monday evening.</p>
    <p>Engineers found cracks in two of its piers during an inspection earlier this year.</p></article></body></html>"""
    article = read_html(page)
    assert all(f.src is None or "[" not in f.src for f in article.figures)


def test_character_references_to_control_characters_are_dropped():
    # Found by fuzzing: "&#1;" decodes to a character lxml refuses when the cleaner moves text.
    page = """<html lang="en"><body><article><h1>Ferry</h1>
    <p>The ferry&#1; will run late on Fridays from next month, the operator said on Monday.</p>
    <div class="share">Share</div>&#x1;The council welcomed the change&#65; &#xD800;&#99999999;
    <p>Residents had asked for a later crossing for three years before the vote.</p></article></body></html>"""
    text = read_html(page).body_text
    assert "The ferry will run late" in text and "\x01" not in text


def test_paragraph_printed_twice_stays_where_the_page_prints_it():
    # Dropping repeats paid on no suite (wide-html 0, aeb-html -0.001, rdb -0.044): a story
    # that repeats a paragraph reads as printed, and a page of one repeated paragraph is not empty.
    again = "The mayor said the repairs would start in spring and last until the autumn, whatever the cost."
    paras = [f"Paragraph {i}. {PROSE}" for i in range(4)]
    order = [paras[0], again, paras[1], paras[2], again, paras[3]]
    story = "".join(f"<p>{t}</p>" for t in order)
    art = read_html(f"<html><body><article><h1>Budget</h1><div class='story'>{story}</div></article></body></html>")
    assert body_texts(art) == order
    markup = f"<html><body><article><h1>Budget</h1>{f'<p>{PROSE}</p>' * 5}</article></body></html>"
    assert body_texts(read_html(markup)) == [PROSE] * 5


def test_br_br_separated_story_gives_paragraphs():
    paras = [f"Paragraph {i}. {PROSE}" for i in range(4)]
    story = "<br><br>\n".join(paras)
    art = read_html(f"<html><body><div class='nav'><a href='/'>Home</a></div><h1>Budget</h1><div>{story}</div></body></html>")
    assert body_texts(art) == paras


def test_story_text_directly_in_a_div_beside_blocks():
    paras = [f"Paragraph {i}. {PROSE}" for i in range(3)]
    story = f"<div class='meta'>Tuesday</div>{paras[0]}<br><br>{paras[1]}<div class='ad'></div>{paras[2]}"
    art = read_html(f"<html><body><h1>Budget</h1><div class='text'>{story}</div></body></html>")
    assert body_texts(art)[-3:] == paras


def test_single_article_wins_over_a_longer_sidebar():
    story = "".join(f"<p>Story {i}. {PROSE}</p>" for i in range(3))
    side = "".join(f"<p>Aside {i}. {PROSE}</p>" for i in range(6))
    markup = (f"<html><body><div class='col1'><article><h1>Budget</h1>{story}</article></div>"
              f"<div class='col2'>{side}</div></body></html>")
    texts = body_texts(read_html(markup))
    assert texts[0].startswith("Story 0.") and not any(t.startswith("Aside") for t in texts)


def test_picture_linked_to_its_photo_page_is_a_figure_but_teaser_thumbnail_is_not():
    story = "".join(f"<p>Paragraph {i}. {PROSE}</p>" for i in range(3))
    photo = "<p><a href='https://example.org/album/photo/17'><img src='https://example.org/p/17.jpg' alt='The bridge'></a></p>"
    card = ("<div class='card'><a href='https://example.org/other'><img src='https://example.org/t/9.jpg'></a>"
            "<a href='https://example.org/other'>Another story about the weather</a></div>")
    markup = f"<html><body><article><h1>Budget</h1>{photo}{story}{card}</article></body></html>"
    srcs = [b.src for b in read_html(markup).blocks if isinstance(b, Figure)]
    assert srcs == ["https://example.org/p/17.jpg"]


def test_byline_cleaning_drops_handles_dates_and_buttons():
    from newspack.readers.html.byline import clean_byline as clean

    assert clean("Ann Lee @annlee_news February 2, 2017") == "Ann Lee"
    assert clean("By Bo Kim January 5, 2017") == "Bo Kim"
    assert clean("Cy Young Follow Follow") == "Cy Young"
    assert clean("Marie March") == "Marie March"  # a surname that is a month stays
    assert clean("Letzte Aktualisierung") is None and clean("Dernière mise à jour") is None
    assert clean("Marc Dupont, mis à jour le 3 mai") == "Marc Dupont"


def test_author_meta_with_several_rdfa_properties_and_site_as_author():
    head = ('<meta property="dc:creator og:article:author" content="Dee Fox"/>'
            '<meta property="og:site_name" content="Example Times"/>')
    assert read_html(page("", head)).byline == "Dee Fox"
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "author": {"@type": "Organization", "name": "Example Times"}}
    head2 = f'<meta property="og:site_name" content="Example Times"/><meta name="author" content="Eve Ray"/><script type="application/ld+json">{json.dumps(ld)}</script>'
    assert read_html(page("", head2)).byline == "Eve Ray"


def test_pattern_prefilter_agrees_with_the_patterns():
    from newspack.readers import phrases

    assert phrases.required_literal(__import__("re").compile(r"\bsign up for (our|the) .*newsletter", 2)) == "sign up for "
    assert phrases.required_literal(__import__("re").compile(r"(a|b)c")) is None
    texts = ["Sign up for our daily NEWSLETTER here", "Alle Rechte vorbehalten.", "A plain sentence about roads.",
             "We use cookies to improve the site", "Abonnez-vous à notre newsletter"]
    for text in texts:
        slow = any(p.search(text) for p in phrases.phrase_list().patterns)
        assert phrases.matches_pattern(text) == slow


def test_article_body_is_the_story_even_when_a_gallery_inside_outscores_it():
    story = "".join(f"<p>Story {i}. {PROSE}</p>" for i in range(3))
    legends = "".join(f"<li>{i}/20 Legend {i}. {PROSE} {PROSE}</li>" for i in range(20))
    markup = (f"<html><body><h1>Budget</h1><div itemprop='articleBody'><div class='gallery'><ul>{legends}</ul></div>"
              f"{story}</div></body></html>")
    texts = body_texts(read_html(markup))
    assert [t for t in texts if t.startswith("Story")] == [f"Story {i}. {PROSE}" for i in range(3)]


def test_schema_author_in_an_aside_with_buttons_gives_the_name():
    head = '<meta property="og:site_name" content="Example Times"/>'
    box = ("<aside><div itemprop='author' itemscope><a href='/a/jo'><span itemprop='name'>Jo Park</span></a>"
           "<div>Profile</div><button>Follow</button></div></aside>")
    assert read_html(page(box, head)).byline == "Jo Park"
    glued = "<div class='post-author'><a href='/a/jo'>Jo Park</a><div>Profile</div><div>Follow</div></div>"
    assert read_html(page(glued, head)).byline == "Jo Park"


def test_author_box_in_the_articles_footer_is_no_candidate():
    from newspack.readers.html.content import within_explicit
    from newspack.readers.html.dom import parse_html

    root = parse_html("<html><body><article><h1>B</h1><div id='story'><p>a</p></div>"
                      "<footer><div id='bio'><p>b</p></div></footer></article></body></html>")
    story, bio, article = root.find(".//div[@id='story']"), root.find(".//div[@id='bio']"), root.find(".//article")
    assert within_explicit(bio, article, {bio: 30.0, story: 10.0}) is story
    assert within_explicit(story, article, {bio: 30.0, story: 10.0}) is story


def test_caption_labels_counters_and_promo_figures():
    from newspack.readers.html.figures import clean_caption

    assert clean_caption("Image caption The mayor at the bridge") == "The mayor at the bridge"
    assert clean_caption("Vergrößern Die Brücke im Winter") == "Die Brücke im Winter"
    assert clean_caption("3/12 The bridge at night") == "The bridge at night"
    assert clean_caption("Zoomed view of the bridge") == "Zoomed view of the bridge"
    assert clean_caption("Caption of the week: the bridge") == "Caption of the week: the bridge"
    story = "".join(f"<p>Story {i}. {PROSE}</p>" for i in range(3))
    ad = "<figure><img src='https://example.org/ad.jpg'><figcaption>Advertisement</figcaption></figure>"
    photo = "<figure><img src='https://example.org/p.jpg'><figcaption>Enlarge The new bridge.</figcaption></figure>"
    figs = [b for b in read_html(f"<html><body><article><h1>B</h1>{photo}{story}{ad}</article></body></html>").blocks
            if isinstance(b, Figure)]
    assert [(f.src, f.caption) for f in figs] == [("https://example.org/p.jpg", "The new bridge.")]


def test_jsonld_entities_relative_times_and_edit_marks():
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Film review &#8211; shoots &amp; ladders",
          "author": {"@type": "Person", "name": "Ana &amp; Bo"}}
    story = "".join(f"<p>Story {i}. {PROSE}</p>" for i in range(3))
    body = f"<p>2 hours ago</p><p>vor 3 Stunden</p><p>il y a 2 jours</p><h2>History<span>[<a>edit</a>]</span></h2>{story}"
    art = read_html(f"<html><head><script type='application/ld+json'>{json.dumps(ld)}</script></head>"
                    f"<body><article>{body}</article></body></html>")
    assert art.title == "Film review – shoots & ladders"
    assert body_texts(art)[0] == "History"
    assert art.byline == "Ana & Bo"


def test_srcset_without_spaces_after_commas():
    from newspack.readers.html.figures import _srcset_best

    assert _srcset_best("a.jpg 100w,b.jpg 800w") == ("b.jpg", 800.0)
    assert _srcset_best("https://x/c_100,w_2/a.jpg 900w, https://x/b.jpg 800w") == ("https://x/c_100,w_2/a.jpg", 900.0)


def test_inline_wrapper_around_blocks_never_flattens_the_story():
    inner = (f"<div><div><p>One. {PROSE}</p><h2>Roads</h2><figure><img src='https://e.org/a.jpg'>"
             f"<figcaption>The bridge.</figcaption></figure><p>Two. {PROSE}</p></div><div><p>Three. {PROSE}</p></div></div>")
    for shell in (f"<p><span>{inner}</span></p>", f"<div><img src='https://e.org/b.jpg'><span>{inner}</span></div>"):
        blocks = read_html(f"<html><body><article><h1>Budget</h1>{shell}</article></body></html>").blocks
        kinds = [(type(b).__name__, getattr(b, "text", None) or getattr(b, "caption", "")) for b in blocks
                 if not (isinstance(b, Figure) and b.src == "https://e.org/b.jpg")]
        assert kinds == [("Paragraph", f"One. {PROSE}"), ("Heading", "Roads"), ("Figure", "The bridge."),
                         ("Paragraph", f"Two. {PROSE}"), ("Paragraph", f"Three. {PROSE}")]


def test_noscript_story_and_lazy_image_in_noscript():
    story = "".join(f"<p>Story {i}. {PROSE}</p>" for i in range(4))
    art = read_html(f"<html><body><h1>Budget</h1><div id='app'></div><noscript>{story}</noscript></body></html>")
    assert [t for t in body_texts(art) if t.startswith("Story")] == [f"Story {i}. {PROSE}" for i in range(4)]
    lazy = ("<figure><img src='https://e.org/tiny.jpg?q=20'><noscript><img src='https://e.org/real.jpg' width='800'>"
            "</noscript><figcaption>The bridge.</figcaption></figure>")
    art = read_html(f"<html><body><article><h1>Budget</h1>{lazy}{story}</article></body></html>")
    assert [b.src for b in art.blocks if isinstance(b, Figure)] == ["https://e.org/real.jpg"]


def test_end_matter_headings_end_the_story_but_not_a_sidebar_above_it():
    story = "".join(f"<p>Story {i}. {PROSE}</p>" for i in range(3))
    tail = "<h3>Weitere Informationen</h3><p>Pressestelle, Telefon 0123 456 789, Montag bis Freitag.</p>"
    art = read_html(f"<html><body><article><h1>Budget</h1>{story}{tail}</article></body></html>")
    assert body_texts(art) == [f"Story {i}. {PROSE}" for i in range(3)]
    above = "<p>Search our archive:</p><h3>Most read</h3>"
    art = read_html(f"<html><body><article><h1>Budget</h1>{above}{story}</article></body></html>")
    assert [t for t in body_texts(art) if t.startswith("Story")] == [f"Story {i}. {PROSE}" for i in range(3)]


def test_picture_in_a_furniture_named_widget_inside_the_story_is_kept():
    story = "".join(f"<p>Story {i}. {PROSE}</p>" for i in range(3))
    widget = ("<div class='dnd-widget-wrapper type-image'><div class='image'>"
              "<img src='https://example.org/p/bridge.jpg' width='564' height='423'></div></div>")
    share = "<div class='share-widget'><a href='https://example.org/share'>Share on Facebook</a></div>"
    markup = f"<html><body><article><h1>Budget</h1><p>Lead. {PROSE}</p>{widget}{share}{story}</article></body></html>"
    assert [b.src for b in read_html(markup).blocks if isinstance(b, Figure)] == ["https://example.org/p/bridge.jpg"]


def test_title_repeated_as_a_heading_in_the_body_is_dropped_but_a_paragraph_saying_it_stays():
    head = '<meta property="og:title" content="Council passes budget"/>'
    story = "".join(f"<p>Story {i}. {PROSE}</p>" for i in range(3))
    markup = (f"<html><head>{head}</head><body><div class='top'><h1>Council passes budget</h1></div>"
              f"<article><h2>Council passes budget</h2>{story}<p>Council passes budget</p></article></body></html>")
    texts = body_texts(read_html(markup))
    assert texts[0].startswith("Story 0.") and texts[-1] == "Council passes budget"


def test_a_carousels_legends_list_is_not_story():
    story = "".join(f"<p>Story {i}. {PROSE}</p>" for i in range(3))
    legends = "".join(f"<li>{i}/20 Legend {i} of another day's pictures</li>" for i in range(1, 21))
    steps = "<ol><li>1/2 cup of flour, sifted</li><li>Two eggs</li><li>Milk</li></ol>"
    art = read_html(f"<html><body><article><h1>Budget</h1>{story}{steps}<ul>{legends}</ul></article></body></html>")
    lists = [b for b in art.blocks if isinstance(b, ListBlock)]
    assert [b.items for b in lists] == [("1/2 cup of flour, sifted", "Two eggs", "Milk")]


def test_story_split_over_layout_rows_between_ad_rows_is_read_whole():
    # Each section of the story is a column alone in its layout row; ad rows stand between.
    # The longest section wins; the rows dressed like it, holding prose, are the rest of it.
    # A row dressed the same way that only holds a short disclaimer stays out.
    def row(text_paras: str) -> str:
        return f"<div class='row centred'><div class='col-8 columns'>{text_paras}</div></div>"
    intro = "".join(f"<p>Intro {i}. {PROSE}</p>" for i in range(3))
    main = "".join(f"<p>Main {i}. {PROSE}</p>" for i in range(14))
    ad = "<div class='row collapse'><div class='col-12'><script>showAd()</script></div></div>"
    note = row("<p>Note: the advertising disclaimer below does not apply to this article at all.</p>")
    markup = (f"<html><body><article><header><h1>Budget</h1></header>{row(intro)}{ad}{row(main)}{note}"
              f"</article></body></html>")
    texts = body_texts(read_html(markup))
    assert [t[:8] for t in texts[:4]] == ["Intro 0.", "Intro 1.", "Intro 2.", "Main 0. "]
    assert texts[-1].startswith("Main 13.")
    assert not any("disclaimer" in t for t in texts)


def test_story_of_sections_with_quotes_and_lists_is_widened_whole():
    # Each section holds paragraphs, a pull quote and a list: less than half its text is in <p>.
    # The story's first sections must still join the longest one.
    quote = "<blockquote>" + " ".join(["Mindfulness is attention without judgement, held gently."] * 3) + "</blockquote>"
    items = "<ul>" + "".join(f"<li>Point {i}: breathe slowly and count to ten before you answer.</li>" for i in range(6)) + "</ul>"

    def section(name: str, n: int) -> str:
        paras = "".join(f"<p>{name} {i}. {PROSE}</p>" for i in range(n))
        return f"<section><div class='part'><div class='text'><div>{paras}{quote}{items}</div></div></div></section>"
    markup = (f"<html><body><div class='page'><h1>Calm</h1><div class='sections'>{section('First', 3)}"
              f"{section('Second', 4)}{section('Main', 5)}</div></div></body></html>")
    starts = [t[:7] for t in body_texts(read_html(markup))]
    assert {"First 2", "Second ", "Main 4."} <= set(starts) and starts.index("First 2") < starts.index("Main 4.")


def test_text_of_is_the_text_and_tails_of_the_subtree_normalised():
    # text_of joins the texts in libxml2 (XPath string()); it must stay what itertext gives:
    # descendants' tails in, the element's own tail out, every Unicode space run one space.
    from newspack.readers.html.dom import clean_text, parse_html, text_of

    root = parse_html("<html><body><div id='a'>One\u00a0 <b>two</b>\u200b three<i>four<u>five</u></i>six "
                      "</div>tail<p>\u3000Seven\n\teight</p></body></html>")
    for el in root.iter():
        assert text_of(el) == clean_text("".join(el.itertext()))
    assert text_of(root.find(".//div")) == "One two threefourfivesix"
