"""Reading a JSON file that may be corrupted.

Python's json module recurses once per nesting level: a document of many
thousands of nested brackets raises RecursionError, which would end the
tool with a traceback. load() and loads() turn it into NestingError, a
ValueError like the module's own decoding errors, that callers report as
bad input.
"""

import json


class NestingError(ValueError):
    pass


def load(f):
    try:
        return json.load(f)
    except RecursionError:
        raise NestingError("arrays and objects nested too deeply to be a file "
                           "of this kind") from None


def loads(text):
    """load() of a string or bytes: a line of a file laid out one record per
    line (the whole-program database) is read by itself."""
    try:
        return json.loads(text)
    except RecursionError:
        raise NestingError("arrays and objects nested too deeply to be a file "
                           "of this kind") from None
