"""The text reader: a page scraped to plain text -> Article, as named steps (`reader.py`)."""
