"""Images, from the web to the book: ``download`` fetches figures' pictures into the cache
(Article -> Article), ``embed`` makes every picture fit for a book, ``cache`` keeps processed
pictures between runs, ``picture`` is the image value they all share."""
