"""newspack: news articles (HTML or scraped text) into clean EPUB and PDF books.

The library call, usable without the command line::

    from newspack import BookOptions, Edition, ReadOptions, load_article, make_books
    article = load_article("page.html", ReadOptions())
    make_books(Edition.single(article), {"epub": "story.epub"}, BookOptions())

The names are looked up on first use, so ``import newspack`` stays cheap.
"""
__version__ = "0.1.0"

#: Public name -> the module that defines it.
_PUBLIC = {
    "Article": "model", "Edition": "model", "Section": "model",
    "ReadOptions": "pipeline", "BookOptions": "book_options", "Book": "pipeline", "load": "pipeline",
    "load_article": "pipeline", "read_raw": "pipeline", "render": "pipeline", "make_books": "pipeline",
    "WriterOptions": "writers", "NewspackError": "errors", "ExitCode": "errors", "describe": "errors",
}

__all__ = ["__version__", *_PUBLIC]


def __getattr__(name: str):
    if name in _PUBLIC:
        from importlib import import_module

        return getattr(import_module(f"newspack.{_PUBLIC[name]}"), name)
    raise AttributeError(f"module 'newspack' has no attribute {name!r}")
