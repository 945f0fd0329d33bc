"""newspack: news articles (HTML or scraped text) into clean EPUB and PDF books."""
__version__ = "0.1.0"
