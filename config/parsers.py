"""The API's JSON parser: bounded depth, so no body can make the server recurse itself to death.

DRF's own parser catches only ValueError; 100,000 nested brackets raise RecursionError (a 500),
and a document a few thousand levels deep parses but then breaks whatever walks it.
"""

import json

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


def json_depth_exceeds(data, limit: int) -> bool:
    """Iterative, so checking the depth cannot itself overflow the stack."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


class BoundedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.CLAIMDESK_MAX_JSON_DEPTH
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(f"JSON parse error: nested deeper than {limit} levels.") from None
        except UnicodeDecodeError:
            raise ParseError("JSON parse error: the body is not UTF-8.") from None
        if json_depth_exceeds(data, limit):
            raise ParseError(f"JSON parse error: nested deeper than {limit} levels.")
        return data


def json_loads_bounded(text: str | bytes, limit: int):
    """json.loads for content from outside (fetched pages, imports): ValueError when too deep."""
    try:
        data = json.loads(text)
    except RecursionError:
        raise ValueError(f"JSON nested deeper than {limit} levels.") from None
    if json_depth_exceeds(data, limit):
        raise ValueError(f"JSON nested deeper than {limit} levels.")
    return data
