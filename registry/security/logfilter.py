"""SEC-02 in the logs: an 18-character citizen ID number never reaches a log line, whoever logs it.

Masking happens where every record is made (the logging record factory), so it holds for every logger and
handler — the application's, werkzeug's request lines, SQLAlchemy's, gunicorn's — including tracebacks.
"""

from __future__ import annotations

import logging
import re

from ..codes import mask_id_number

# 17 digits and a check character, not inside a longer run of digits (19-digit parcel codes stay as they are).
ID_NUMBER = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9Xx])")


def mask_text(text: str) -> str:
    return ID_NUMBER.sub(lambda m: mask_id_number(m.group(0)), text)


def mask_record(record: logging.LogRecord) -> logging.LogRecord:
    """The record's message formatted once and masked (arguments dropped); its traceback masked too."""
    try:
        message = record.getMessage()
    except Exception:  # a malformed call: leave it to logging to report, but never with a number in it
        message = f"{record.msg} {record.args!r}"
    record.msg, record.args = mask_text(message), None
    if record.exc_info and not record.exc_text:
        record.exc_text = logging.Formatter().formatException(record.exc_info)
    if record.exc_text:
        record.exc_text = mask_text(record.exc_text)
    return record


def install_log_filter() -> None:
    """Wrap the record factory once per process (create_app may run many times)."""
    factory = logging.getLogRecordFactory()
    if getattr(factory, "masks_id_numbers", False):
        return

    def masked_factory(*args, **kwargs):
        return mask_record(factory(*args, **kwargs))

    masked_factory.masks_id_numbers = True
    logging.setLogRecordFactory(masked_factory)
