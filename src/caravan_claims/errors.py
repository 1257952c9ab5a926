"""The one error type users see: a bad input, named, with what was expected."""


class InputError(Exception):
    """Bad input: the message names the file, line or parameter and what was expected.

    The CLI prints the message on one line and exits with status 2; notebooks let it propagate so
    papermill reports the failing cell.
    """


class NotebookFailed(Exception):
    """A notebook raised while papermill executed it; the message names notebook and cell."""
