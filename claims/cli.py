"""`claimdesk`: the tools that need no database and no settings, as one console command.

    claimdesk extract PATH [--language ar|en] [--json | --format table]     # PATH '-' reads stdin
    claimdesk check-url URL [--claim-text TEXT] [--language ar|en] [--json]

They print what `python manage.py extract_claims` and `check_url` print (CONTRACTS §2) and run
the same code; `manage.py` hands those two commands here, so they work on a fresh clone with
nothing configured. A problem is one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from django.core.exceptions import ImproperlyConfigured

HIGHLIGHT = "\033[1;33m{}\033[0m"
# Which `manage.py` command each `claimdesk` command stands for.
MANAGE_COMMANDS = {"extract_claims": "extract", "check_url": "check-url"}


class CliError(Exception):
    """A problem to report in one line; `returncode` is the exit status."""

    def __init__(self, message: str, returncode: int = 2):
        super().__init__(message)
        self.returncode = returncode


# --- extract -------------------------------------------------------------------------------------


def read_text(path: str) -> str:
    from claims.text_input import UnreadableText, clean_body, text_from_bytes

    try:
        if path == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(path, "rb") as handle:
                data = handle.read()
    except OSError as error:
        raise CliError(f"Cannot read {path}: {error.strerror}.") from None
    try:
        text = clean_body(text_from_bytes(data))
    except UnreadableText as error:
        raise CliError(f"{path}: {error}") from None
    if not text.strip():
        raise CliError(f"{path}: the text is empty; there is nothing to extract.")
    return text


def extraction_output(text: str, *, language: str | None, output_format: str, color: bool) -> str:
    from claims.extraction import ExtractionError, extract

    try:
        result = extract(text, language=language)
    except ExtractionError as error:
        raise CliError(str(error)) from None
    if output_format == "json":
        return json.dumps(result.to_dict(), ensure_ascii=False, indent=2)
    return extraction_table(result, color=color)


def extraction_table(result, *, color: bool) -> str:
    lines = [f"language: {result.language}   claims: {len(result.claims)}"]
    for number, claim in enumerate(result.claims, 1):
        shown = claim.text
        if color:
            for fact in sorted(claim.facts, key=lambda f: f["start"], reverse=True):
                a, b = fact["start"] - claim.start, fact["end"] - claim.start
                if 0 <= a < b <= len(shown):
                    shown = shown[:a] + HIGHLIGHT.format(shown[a:b]) + shown[b:]
        lines.append(
            f"\n#{number} [{claim.kind}] {claim.start}-{claim.end} "
            f"checkworthiness {claim.checkworthiness:.2f}\n  {shown}"
        )
        for fact in claim.facts:
            values = {k: v for k, v in fact.items() if k not in {"type", "start", "end", "text"}}
            lines.append(f"    • {fact['type']:<11} «{fact['text']}» {values}")
    lines.append(f"\ninconsistencies: {len(result.inconsistencies)}")
    for item in result.inconsistencies:
        lines.append(
            f"  ! {item['type']} {item['start']}-{item['end']} «{item['text']}»: {item['detail']}"
        )
    return "\n".join(lines)


# --- check-url -----------------------------------------------------------------------------------


def check_url_output(report: dict, *, as_json: bool) -> str:
    if as_json:
        return json.dumps(report, ensure_ascii=False, indent=2, default=str)
    if not report["ok"]:
        return ""
    lines = [
        f"{report['final_url']}  {report['http_status']}  {report['content_type']}  "
        f"{report['text_length']} characters  sha256 {report['sha256'][:12]}…"
    ]
    if report["stance"]:
        lines.append(f"stance: {report['stance']}")
        for fact in report["facts"]:
            seen = f" (seen: {fact['seen']})" if fact.get("seen") else ""
            lines.append(f"  {fact['type']:<12} {fact['result']:<10} {fact['claim_text']}{seen}")
    return "\n".join(lines)


def check_url_problem(url: str, report: dict) -> CliError | None:
    """Exit status 1 when the fetch was refused or failed (CONTRACTS §2)."""
    if report["ok"]:
        return None
    kind = "refused" if report["refused"] else "failed"
    return CliError(f"{url}: {kind}: {report['refused'] or report['error']}", returncode=1)


# --- the command ---------------------------------------------------------------------------------


def add_extract_arguments(parser) -> None:
    parser.add_argument("path", help="UTF-8 text file, or - for standard input")
    parser.add_argument("--language", choices=["ar", "en"], default=None)
    parser.add_argument("--json", action="store_true", help="print the CONTRACTS JSON object")
    parser.add_argument("--format", choices=["json", "table"], default=None)


def add_check_url_arguments(parser) -> None:
    parser.add_argument("url")
    parser.add_argument("--claim-text", default=None, help="the claim to check against it")
    parser.add_argument("--language", choices=["ar", "en"], default=None)
    parser.add_argument("--json", action="store_true", help="print the CONTRACTS JSON object")


def build_parser(prog: str = "claimdesk") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog, description="Claimdesk tools that need no database and no settings."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    add_extract_arguments(
        commands.add_parser("extract", help="extract check-worthy claims from a text file")
    )
    add_check_url_arguments(
        commands.add_parser(
            "check-url", help="fetch a URL safely and check a claim against it (stores nothing)"
        )
    )
    return parser


def _run(options, stdout: TextIO) -> int:
    if options.command == "extract":
        output_format = options.format or ("json" if options.json else "table")
        text = read_text(options.path)
        stdout.write(
            extraction_output(
                text,
                language=options.language,
                output_format=output_format,
                color=stdout.isatty(),
            )
            + "\n"
        )
        return 0
    from claims.url_check import options_from_env, url_check

    report = url_check(
        options.url,
        options=options_from_env(),
        claim_text=options.claim_text,
        language=options.language,
    )
    output = check_url_output(report, as_json=options.json)
    if output:
        stdout.write(output + "\n")
    problem = check_url_problem(options.url, report)
    if problem:
        raise problem
    return 0


def main(argv: list[str] | None = None, *, prog: str = "claimdesk") -> int:
    options = build_parser(prog).parse_args(argv)
    try:
        return _run(options, sys.stdout)
    except CliError as error:
        print(f"{prog}: {error}", file=sys.stderr)
        return error.returncode
    except ImproperlyConfigured as error:
        print(f"{prog}: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def console() -> None:
    """The `claimdesk` console script."""
    sys.exit(main())
