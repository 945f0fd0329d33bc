"""Notice lines and notice blocks of scraped text (cookie banners, log-in forms), on tiny inputs."""
from __future__ import annotations

from newspack.readers.text.reader import read_text
from newspack.readers.text.notices import has_notice_word, is_notice, notice_block
from newspack.model import Paragraph

STORY = [
    "The harbour board agreed on Monday to rebuild the north pier, which storms damaged twice last winter.",
    "Work starts in spring and should take eight months, the board said, and the ferry will dock at the south pier meanwhile.",
]
COOKIES = [
    "We use cookies and similar tracking technologies to improve your experience on our website and to show you content.",
    "Some cookies are necessary for the site to work, others help us understand how you use it and which pages you visit.",
    "You can change your consent at any time in the privacy settings, where every third-party service is listed with its purpose.",
    "Necessary cookies are always on, because without them the website cannot remember your choices or keep you signed in.",
    "Analytics cookies count visits and traffic sources so we can measure and improve the performance of our pages over time.",
    "Marketing cookies are set by third parties to build a profile of your interests and show you relevant adverts on other sites.",
]


def test_notice_words_in_every_language_we_read():
    assert has_notice_word("Wir verwenden Cookies, um Ihnen ein besseres Erlebnis zu bieten.")
    assert has_notice_word("Vos données personnelles sont traitées avec votre consentement.")
    assert not has_notice_word("The harbour board agreed on Monday to rebuild the north pier.")


def test_one_line_about_cookies_is_no_block_but_a_run_of_them_is():
    lonely = ["A bakery in town sells cookies shaped like the old lighthouse.", *STORY]
    assert notice_block(lonely) == [False, False, False]
    assert all(notice_block(COOKIES)[1:-1])


def test_is_notice_ignores_case():
    assert is_notice("ACCEPT ALL COOKIES")
    assert is_notice("Skip To Main Content")


def test_a_short_story_beats_a_long_cookie_text():
    page = "\n".join(["Pier to be rebuilt", *STORY, "Related", *COOKIES])
    text = " ".join(b.text for b in read_text(page).blocks if isinstance(b, Paragraph))
    assert "north pier" in text
    assert "tracking technologies" not in text


def test_pitches_in_every_language_we_read_are_chrome():
    from newspack.readers.text.notices import is_pitch

    assert is_pitch("Never miss a story: sign up for our weekly newsletter today!")
    assert is_pitch("Hat Ihnen der Artikel gefallen? Dann abonnieren Sie unseren Newsletter.")
    assert is_pitch("Ne manquez rien : abonnez-vous à notre newsletter.")
    assert not is_pitch("The council will send residents a letter about the new bins next month.")


def test_a_pitch_inside_the_story_is_dropped():
    page = "\n".join(["Pier to be rebuilt", STORY[0], "Liked this article? Share it with a friend!", STORY[1],
                      "The board will meet again in March to choose a builder from the four firms that applied."])
    text = " ".join(b.text for b in read_text(page).blocks if isinstance(b, Paragraph))
    assert "north pier" in text and "Liked this article" not in text


def test_comment_heads_in_every_language_we_read():
    from newspack.readers.text.notices import is_comment_head

    assert is_comment_head("12 Comments")
    assert is_comment_head("3 Antworten zu „Ein Sommer am See“")
    assert is_comment_head("Les commentaires sont fermés.")
    assert is_comment_head("Leave a Reply")
    assert not is_comment_head("12 people were hurt when the roof of the station fell in.")


def test_a_web_archive_toolbar_is_a_notice_and_never_the_title():
    from newspack.readers.text.reader import read_text
    from newspack.readers.text.notices import is_notice

    toolbar = ["success", "fail", "Apr MAY Jul", "26", "2015 2016 2017", "51 captures",
               "14 Oct 2014 - 10 Aug 2017", "About this capture", "COLLECTED BY", "Organization: Alexa Crawls",
               "Starting in 1996, Alexa Internet has been donating their crawl data to the Internet Archive, "
               "and the data flows in every day to this collection.", "Collection: Alexa Crawls", "TIMESTAMPS"]
    assert all(is_notice(t) for t in ("51 captures", "1,204 captures", "About this capture", "COLLECTED BY", "TIMESTAMPS"))
    assert not is_notice("Police captures the suspect after a chase")
    story = ["The orchestra of the valley town played its last concert in the old hall on Sunday, after sixty years there.",
             "Musicians said the new hall by the river has better sound, but many in the audience came to say goodbye to the old one.",
             "The mayor thanked the players and the volunteers who kept the building open through two floods and a fire in its roof."]
    article = read_text("\n".join(["Valley Courier", *toolbar, "Home", "Music", *story]))
    assert article.title != "51 captures"
