"""Many articles, one book: the ``digest`` of inputs the user names and the cron-driven daily
``edition`` (its ``config``, ``state``, run ``lock`` and e-mail ``deliver``), over the batch
reading of ``batch`` and ``fetcher``."""
