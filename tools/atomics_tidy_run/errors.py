"""The one exception the driver turns into exit status 2 with its message."""


class ToolError(Exception):
    """The tool itself could not do its job (bad input, missing database,
    clang-tidy failed). The message says what happened and what to do."""
