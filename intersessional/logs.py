"""Logs as one line per event on standard output, where a container's logs are read.

A traceback over twenty lines becomes twenty events in a log collector that reads
line by line, most of them without a time or a level; folded onto its record's line
(each newline written as the two characters \\n), it stays one event that a grep for
the logger or the level finds whole."""

import logging
from datetime import UTC, datetime


class OneLineFormatter(logging.Formatter):
    """time (UTC, ISO 8601) level logger message, a traceback folded onto the line."""

    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s %(name)s %(message)s")

    def formatTime(self, record, datefmt=None):
        return datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds")

    def format(self, record):
        return super().format(record).replace("\r", "\\r").replace("\n", "\\n")
