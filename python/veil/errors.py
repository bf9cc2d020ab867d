"""Veil's failures as exceptions: each exit code of the command line is one class."""

from __future__ import annotations

from typing import Any


class VeilError(Exception):
    """A failure of Veil (the command line's exit 1); the message says what and where.

    Like the command line's messages, it names config files and lines, tables and columns, never a
    cell value or key material.
    """

    exit_code: int = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
        self.report: dict[str, Any] | None = None
        """For a failed ``Job.run()``: the run's report, when the run got as far as writing it."""


class ConfigError(VeilError):
    """Bad usage or an invalid job config (exit 2): nothing was read or written."""

    exit_code = 2


class DataMismatch(VeilError):
    """The data does not fit the config (exit 3): a missing, unlisted or mistyped column, a value
    an operation cannot take; nothing was published."""

    exit_code = 3


class VerificationFailed(VeilError):
    """Verification after writing failed (exit 4): nothing was published."""

    exit_code = 4


_BY_CODE: dict[int, type[VeilError]] = {2: ConfigError, 3: DataMismatch, 4: VerificationFailed}


def raise_for_exit(code: int, errors: str) -> None:
    """Raises the exception of a non-zero exit code, with the command's message."""
    if code == 0:
        return
    lines = [line for line in errors.splitlines() if line.strip()]
    # The command line's own message starts with "veil: "; progress and warnings come before it.
    start = next((i for i, line in enumerate(lines) if line.startswith("veil: ")), None)
    message = "\n".join(lines[start:]) if start is not None else "\n".join(lines[-5:])
    if message.startswith("veil: "):
        message = message[len("veil: "):]
    raise _BY_CODE.get(code, VeilError)(message or f"Veil failed with exit code {code}")
