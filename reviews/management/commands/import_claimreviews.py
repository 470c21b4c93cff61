"""python manage.py import_claimreviews PATH|URL"""

import io
import os
import sys
from dataclasses import replace

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Import other fact-checkers' ClaimReview from a file or URL: a JSON list, a DataFeed, "
        "an HTML page with JSON-LD, or a Fact Check Tools claims:search response. Idempotent. "
        "Prints 'imported N, skipped N, refused N'."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="a file path, '-' for stdin, or an http(s) URL")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, **options):
        from claims.matching.claimreview import FeedError
        from reviews.claimreview_import import reviews_import
        from reviews.matching_dispatch import reviews_matching_enqueue

        source = options["source"]
        stream, size = self._open(source)
        progress = None if options["no_progress"] else self._progress(stream, size)
        try:
            summary = reviews_import(stream=stream, on_error=self._report, on_progress=progress)
        except FeedError as error:
            raise CommandError(f"{source}: {error}") from None
        finally:
            stream.close()
            if progress:
                self.stderr.write("")
        reviews_matching_enqueue(summary.new_ids)
        self.stdout.write(summary.line())

    def _open(self, source: str):
        if source.startswith(("http://", "https://")):
            return self._fetch(source)
        if source == "-":
            return sys.stdin.buffer, None
        try:
            return open(source, "rb"), os.path.getsize(source)
        except OSError as error:
            raise CommandError(f"{source}: {error.strerror}") from None

    def _fetch(self, url: str):
        # Through the safe fetcher; a remote feed is held in memory up to the import cap.
        from claims.fetching import FetchFailed, FetchRefused, fetch
        from claims.sources import fetch_options

        options = replace(
            fetch_options(),
            max_bytes=settings.CLAIMDESK_IMPORT_MAX_BYTES,
            deadline=max(fetch_options().deadline, 120),
        )
        try:
            result = fetch(url, options)
        except FetchRefused as refused:
            raise CommandError(f"{url}: refused: {refused.reason}") from None
        except FetchFailed as failed:
            raise CommandError(f"{url}: failed: {failed.reason}") from None
        return io.BytesIO(result.body), len(result.body)

    def _report(self, parsed) -> None:
        self.stderr.write(f"record {parsed.position}: refused: {parsed.error}")

    def _progress(self, stream, size):
        def show(summary) -> None:
            done = summary.imported + summary.skipped + summary.refused
            where = ""
            if size:
                try:
                    where = f" {min(100, 100 * stream.tell() // max(size, 1)):3d} %"
                except (OSError, ValueError):
                    where = ""
            self.stderr.write(f"\rimporting…{where}  {done} reviews", ending="")
            self.stderr.flush()

        return show
