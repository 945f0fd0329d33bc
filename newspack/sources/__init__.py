"""Sources: where an article's bytes come from, and what they are before a reader sees them.

``inputs`` opens a file, stdin or a URL; ``net`` is the address policy every fetch obeys;
``feeds`` recognises and parses RSS/Atom; ``encoding`` turns bytes into text.
"""
from .inputs import MAX_INPUT_BYTES, RawInput, is_url, open_source

__all__ = ["MAX_INPUT_BYTES", "RawInput", "is_url", "open_source"]
