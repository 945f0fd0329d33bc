"""Sources: where an article's bytes come from, and what they are before a reader sees them.

``inputs`` opens a file, stdin or a URL; ``net`` is the address policy every fetch obeys;
``feeds`` recognises and parses RSS/Atom; ``encoding`` turns bytes into text; ``mhtml``,
``warc`` and ``pictures`` unpack saved pages; ``exports`` reads read-later exports and
bookmarks; ``render`` loads a page in headless Chromium.
"""
from .inputs import MAX_INPUT_BYTES, RawInput, is_url, open_pages, open_source

__all__ = ["MAX_INPUT_BYTES", "RawInput", "is_url", "open_pages", "open_source"]
