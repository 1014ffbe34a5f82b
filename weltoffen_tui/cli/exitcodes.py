"""Exit codes of the ``weltoffen`` command (documented in the README)."""

EXIT_OK = 0
EXIT_INVALID = 1  # validate found problems
EXIT_USER_ERROR = 2  # bad input: the message says what, where and what to do
EXIT_UNEXPECTED = 3  # a bug: details went to the crash log
