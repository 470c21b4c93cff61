"""Safe fetching of sources: pure Python, settings passed in as FetchOptions, no Django models."""

from claims.fetching.content import Extracted, extract_content
from claims.fetching.fetcher import (
    USER_AGENT,
    FetchFailed,
    FetchOptions,
    FetchRefused,
    FetchResult,
    fetch,
)

__all__ = [
    "USER_AGENT",
    "Extracted",
    "FetchFailed",
    "FetchOptions",
    "FetchRefused",
    "FetchResult",
    "extract_content",
    "fetch",
]
