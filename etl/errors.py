"""The ETL's own error type: bad input the user can fix, reported as one line."""


class EtlError(Exception):
    """Bad input or a failed build; the message names the file and the problem."""
