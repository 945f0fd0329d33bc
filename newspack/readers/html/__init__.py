"""The HTML reader: a page's markup -> Article, as named steps (`reader.py`)."""
