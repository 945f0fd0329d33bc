"""Where the story hangs from its headline, on tiny inline pages."""
from __future__ import annotations

from newspack.model import Paragraph
from newspack.readers.text.reader import read_text
from newspack.readers.text.reading import analyse_lines
from newspack.readers.text.story import drop_trailing_headings

STORY = [
    "The orchestra of the valley town played its last concert in the old hall on Sunday, after sixty years there.",
    "Musicians said the new hall by the river has better sound, but many in the audience came to say goodbye to the old one.",
    "The mayor thanked the players and the volunteers who kept the building open through two floods and a fire in its roof.",
    "Tickets for the first concert in the new hall go on sale next week, and the programme opens with the same symphony.",
    "Older members of the orchestra remembered rehearsals in winter coats, when the heating failed for a whole season.",
    "The old hall will be sold to the town's school, which wants to turn it into a theatre for its pupils and their parents.",
    "A farewell dinner for the players and their families was held after the concert in the square in front of the hall.",
    "The conductor, who led the orchestra for the last twenty years, said he would miss the creaking floor more than anything.",
    "Repairs to the new hall's organ are not finished yet, so the first season there will be played without it, he added.",
    "The orchestra was founded by a group of miners and teachers in the years after the war, with instruments lent by a church.",
    "Its archive of programmes and photographs goes to the town museum, which plans an exhibition about the hall next spring.",
]


def body(page: str) -> str:
    return " ".join(b.text for b in read_text(page).blocks if isinstance(b, Paragraph))


def test_headline_copy_under_the_story_does_not_cut_it():
    page = "\n".join([
        "Last concert in the old hall | Valley Courier",
        "Last concert in the old hall, and a new one by the river",
        *STORY,
        "Last concert in the old hall",
        "Mira Sand",
        "Mira Sand writes about music and the towns of the valley for the paper, and she plays the cello herself.",
        "Before she joined the paper she taught at the music school in the next town for twelve years, and she still does.",
        "She lives by the river with two cats and a piano that nobody has tuned since the flood of the year she moved in.",
    ])
    assert "last concert in the old hall on Sunday" in body(page)


TEASERS = [
    "Actress shows off her new home by the sea in a series of pictures shared with her fans this week, and more.",
    "Singer says her summer tour will go ahead as planned despite the weather, and adds two more dates in the north.",
    "Footballer and his wife celebrate their tenth anniversary with a party for friends at their house in the hills.",
    "Presenter reveals the secret of her morning routine and the breakfast she eats before every live show on air.",
    "Comedian announces a new series of his show for next year, with guests from the world of sport and music.",
    "Chef opens a second restaurant in the city centre, with a menu of dishes from his childhood in the mountains.",
    "Reality star and her sister launch a clothing line inspired by their trips abroad, with a party in the capital.",
    "Former boxer takes up painting and sells his first portrait at a charity auction for the hospital that saved him.",
    "Radio host marries her long-time partner in a small ceremony on a Scottish island, with only twelve guests there.",
    "Pop band reunites for one night only to play the songs of their first album at the theatre where they started.",
    "Model and her mother share their favourite recipes in a new book, out in time for the holidays, with photographs.",
    "Television judge admits he was nervous before his first show and tells how a stranger's kind words calmed him down.",
    "Novelist moves to a farm with her family and says the goats have taught her more about patience than any editor.",
    "Olympic swimmer returns to the pool where she learned to swim and opens a new wing named after her old coach there.",
    "Actor describes his years as a waiter before fame and the regular customer who told him to try for drama school.",
    "Dancer recovers from injury and plans a comeback tour next spring, starting with a show in her home town's arena.",
]

def test_headline_copy_after_a_share_label_is_not_the_headline():
    # "Share this article:" then the headline: a share box under the story, with teasers under it.
    # The story above the copy is the story; the teasers under it are not.
    page = "\n".join([
        "Last concert in the old hall | Valley Courier",
        "By Mira Sand",
        *STORY,
        "Share or comment on this article:",
        "Last concert in the old hall",
        "More top stories",
        *TEASERS,
    ])
    text = body(page)
    assert "last concert in the old hall on Sunday" in text
    assert "Its archive of programmes" in text


def test_a_related_heading_at_the_story_end_heads_nothing():
    # The list under "Beliebte Beiträge zum Thema:" is not story; its heading is not either.
    page = "\n".join([
        "Last concert in the old hall | Valley Courier",
        "Last concert in the old hall",
        *STORY,
        "Beliebte Beiträge zum Thema:",
        "Valley Courier",
        "Impressum",
    ])
    lines = analyse_lines(page.splitlines()).lines
    keep = [0 < i < len(STORY) + 3 for i in range(len(lines))]
    assert drop_trailing_headings(keep, lines) == [0 < i < len(STORY) + 2 for i in range(len(lines))]
    text = body(page)
    assert "Its archive of programmes" in text
    assert "Beliebte" not in text


def test_a_spanish_teaser_line_is_not_story():
    page = "\n".join([
        "Last concert in the old hall | Valley Courier",
        "Last concert in the old hall",
        *STORY[:6],
        "Le puede interesar: El alcalde inaugura la nueva sala de conciertos junto al río",
        *STORY[6:],
    ])
    text = body(page)
    assert "interesar" not in text and "Its archive of programmes" in text


def test_a_lead_paragraph_above_a_video_box_opens_the_story():
    lead = ("The orchestra's conductor spoke on the festival stage about sixty years in the old hall, "
            "and about the winter when the heating failed and the players rehearsed in coats and gloves.")
    page = "\n".join([
        "Last concert in the old hall | Valley Courier",
        "Last concert in the old hall",
        "Published 19 October 2019",
        lead,
        "Video",
        "Video 01:30 min. | 19.10.19",
        "to the video: the conductor on stage",
        "Image © Valley Courier",
        "End of video",
        *STORY,
    ])
    read = analyse_lines(page.splitlines())
    lines, repeats, run = read.lines, read.repeats, read.run
    from newspack.readers.text import line_model
    odds = line_model.log_odds(line_model.features(lines, run, repeats), line_model.weights())
    keep = [i >= 9 for i in range(len(lines))]
    assert line_model.lead_before_box(keep, odds, lines) == [i == 3 or i >= 9 for i in range(len(lines))]
    # above the headline, prose is a teaser, not the lead
    keep = [i >= 1 for i in range(len(lines))]
    assert line_model.lead_before_box(keep, odds, lines) == keep
    assert body(page).startswith("The orchestra's conductor spoke")


def test_the_headline_printed_above_the_story_wins_over_a_page_title_worded_otherwise():
    page = "\n".join([
        "Valley orchestra plays its last concert in the old hall after sixty years - Valley Courier",
        "Home", "Music", "Towns",
        "Valley orchestra plays last concert in the old hall",
        "19 October 2019, 14:34",
        *STORY,
    ])
    assert read_text(page).title == "Valley orchestra plays last concert in the old hall"
    # an author's line under a title ending "| by Name" shares its words but is no headline
    page = "\n".join([
        "Last concert in the old hall. The orchestra says goodbye | by Mira Sand",
        "Mira Sand",
        "19 October 2019",
        *STORY,
    ])
    assert read_text(page).title != "Mira Sand"


def test_typographic_and_plain_quotes_compare_alike():
    from newspack.readers import phrases

    assert phrases.fold('Pills "Burned Her Up"') == phrases.fold("Pills “Burned Her Up”")
    assert phrases.fold("It’s ‘here’") == phrases.fold("It's 'here'")
    # an acute accent typed for an apostrophe ("NPC´s"): NFKC alone would make it a space and an accent
    assert phrases.fold("Quests und NPC´s") == phrases.fold("Quests und NPC’s")


def test_pingbacks_under_a_short_post_are_comments_not_the_story():
    post = ["Manchmal überrascht einen der Alltag mit kleinen Freuden. Unlängst spazierte ich durch das Viertel, da hing ein Bild vom Balkon.",
            "Gut investierte zwanzig Cent, wenn auch das Bild kein Meisterwerk war, und die Nachbarn haben sich gefreut."]
    sites = ["Papierkorb", "Lesezeichen der Woche", "Fundstücke aus dem Netz"]
    pings = [f"[…] bei {site}: Unlängst spazierte jemand durch das Viertel, da hing ein Bild vom Balkon, und man blieb stehen und sah es sich lange an, denn so etwas sieht man nicht alle Tage […]"
             for site in sites]
    page = "\n".join(["Gefällt mir – Blog", "Blog", "Archiv", "Gefällt mir", "11.09.2011, 16:20 von Stefan", *post,
                      "Tags: Bild, Cent", "3 Kommentare",
                      *[f"Pingback von {site} | 1{i}.09.2011 23:31\n{ping}" for i, (site, ping) in enumerate(zip(sites, pings))],
                      "Neues aus der Inbox"])
    text = body(page)
    assert text.startswith("Manchmal überrascht einen der Alltag") and "Pingback" not in text
    from newspack.readers import phrases
    assert phrases.is_barrier("Pingback von Papierkorb | 10.09.2011 23:31") and phrases.is_barrier("Trackback: a post")
