"""python manage.py extract_claims PATH [--language ar|en] (--json | --format table)"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from claims.text_input import UnreadableText, clean_body, text_from_bytes

HIGHLIGHT = "\033[1;33m{}\033[0m"


class Command(BaseCommand):
    help = "Extract check-worthy claims from a text file ('-' reads stdin). Needs no database."
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("path", help="UTF-8 text file, or - for standard input")
        parser.add_argument("--language", choices=["ar", "en"], default=None)
        parser.add_argument("--json", action="store_true", help="print the CONTRACTS JSON object")
        parser.add_argument("--format", choices=["json", "table"], default=None)

    def handle(self, *args, **options):
        from claims.extraction import ExtractionError, extract

        text = self._read(options["path"])
        try:
            result = extract(text, language=options["language"])
        except ExtractionError as error:
            raise CommandError(str(error)) from None
        output_format = options["format"] or ("json" if options["json"] else "table")
        if output_format == "json":
            self.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        else:
            self._table(text, result)

    def _read(self, path: str) -> str:
        try:
            data = sys.stdin.buffer.read() if path == "-" else open(path, "rb").read()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from None
        try:
            text = clean_body(text_from_bytes(data))
        except UnreadableText as error:
            raise CommandError(f"{path}: {error}") from None
        if not text.strip():
            raise CommandError(f"{path}: the text is empty; there is nothing to extract.")
        return text

    def _table(self, text: str, result) -> None:
        color = self.stdout.isatty()
        self.stdout.write(f"language: {result.language}   claims: {len(result.claims)}")
        for number, claim in enumerate(result.claims, 1):
            shown = claim.text
            if color:
                for fact in sorted(claim.facts, key=lambda f: f["start"], reverse=True):
                    a, b = fact["start"] - claim.start, fact["end"] - claim.start
                    if 0 <= a < b <= len(shown):
                        shown = shown[:a] + HIGHLIGHT.format(shown[a:b]) + shown[b:]
            self.stdout.write(
                f"\n#{number} [{claim.kind}] {claim.start}-{claim.end} "
                f"checkworthiness {claim.checkworthiness:.2f}\n  {shown}"
            )
            for fact in claim.facts:
                values = {
                    k: v for k, v in fact.items() if k not in {"type", "start", "end", "text"}
                }
                self.stdout.write(f"    • {fact['type']:<11} «{fact['text']}» {values}")
        self.stdout.write(f"\ninconsistencies: {len(result.inconsistencies)}")
        for item in result.inconsistencies:
            self.stdout.write(
                f"  ! {item['type']} {item['start']}-{item['end']} «{item['text']}»: {item['detail']}"
            )
