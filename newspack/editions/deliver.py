"""Delivering an edition by e-mail, as an attachment (the "Send to Kindle" way), over SMTP.

The password never sits in the config file: the config names an environment variable
(``password_env``) that holds it.
"""
from __future__ import annotations

import mimetypes
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

from ..errors import NewspackError

#: Seconds to wait for the SMTP server at each step.
SMTP_TIMEOUT_SECONDS = 60.0

#: Media types of the attachments we send; Send-to-Kindle recognises EPUB by this type.
MEDIA_TYPES = {".epub": "application/epub+zip", ".pdf": "application/pdf", ".html": "text/html"}


class DeliveryError(NewspackError):
    """The book was written but could not be sent."""


@dataclass(frozen=True)
class DeliverySettings:
    host: str
    sender: str
    recipients: tuple[str, ...]
    port: int = 587
    username: str | None = None
    password: str | None = None
    security: str = "starttls"  # starttls | ssl | none
    subject: str = "{title}"
    timeout: float = SMTP_TIMEOUT_SECONDS


def build_message(settings: DeliverySettings, book: Path, title: str) -> EmailMessage:
    """The e-mail: a one-line body and the book attached under its file name."""
    message = EmailMessage()
    message["From"] = settings.sender
    message["To"] = ", ".join(settings.recipients)
    message["Subject"] = settings.subject.format(title=title, file=book.name)
    message.set_content(f"{title}\n\nAttached: {book.name}\n")
    media_type = MEDIA_TYPES.get(book.suffix.lower()) or mimetypes.guess_type(book.name)[0] or "application/octet-stream"
    maintype, subtype = media_type.split("/", 1)
    message.add_attachment(book.read_bytes(), maintype=maintype, subtype=subtype, filename=book.name)
    return message


def send_book(settings: DeliverySettings, book: str | Path, title: str) -> None:
    """Send ``book`` as an attachment; raise DeliveryError on any SMTP or network failure."""
    book = Path(book)
    message = build_message(settings, book, title)
    try:
        if settings.security == "ssl":
            client = smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout,
                                      context=ssl.create_default_context())
        else:
            client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
        with client:
            if settings.security == "starttls":
                client.starttls(context=ssl.create_default_context())
            if settings.username:
                client.login(settings.username, settings.password or "")
            client.send_message(message)
    except (smtplib.SMTPException, OSError) as exc:
        raise DeliveryError(f"cannot send by e-mail via {settings.host}:{settings.port}: {exc}",
                            source=str(book)) from None
