"""Errors a user can act on; the CLI prints their message and exits non-zero."""


class OnrecordError(Exception):
    """Base of every error whose message is meant for the person at the terminal."""


class InputError(OnrecordError):
    """The input cannot be read as a transcript (binary, empty, undecodable...)."""


class NoTurnsError(InputError):
    """The input decoded, but no reader found a single speaker turn in it."""


class ModelError(OnrecordError):
    """A model artifact is missing, corrupt or of the wrong version."""
