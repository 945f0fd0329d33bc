"""Where the story hangs from its headline, on tiny inline pages."""
from __future__ import annotations

from newspack.model import Paragraph
from newspack.readers.text import read_text

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
