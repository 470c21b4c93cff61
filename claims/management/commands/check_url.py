"""python manage.py check_url URL [--claim-text TEXT] [--language ar|en] --json"""

import json

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Fetch a URL through the safe fetcher and check a claim against it, as the Celery task "
        "does, storing nothing. Exit status 0 when fetched, 1 when refused or failed."
    )
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("url")
        parser.add_argument("--claim-text", default=None, help="the claim to check against it")
        parser.add_argument("--language", choices=["ar", "en"], default=None)
        parser.add_argument("--json", action="store_true", help="print the CONTRACTS JSON object")

    def handle(self, *args, **options):
        from claims.sources import url_check_report

        report = url_check_report(
            options["url"], claim_text=options["claim_text"], language=options["language"]
        )
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2, default=str))
        else:
            self._summary(report)
        if not report["ok"]:
            problem = report["refused"] or report["error"]
            kind = "refused" if report["refused"] else "failed"
            raise CommandError(f"{options['url']}: {kind}: {problem}", returncode=1)

    def _summary(self, report: dict) -> None:
        if not report["ok"]:
            return
        self.stdout.write(
            f"{report['final_url']}  {report['http_status']}  {report['content_type']}  "
            f"{report['text_length']} characters  sha256 {report['sha256'][:12]}…"
        )
        if report["stance"]:
            self.stdout.write(f"stance: {report['stance']}")
            for fact in report["facts"]:
                seen = f" (seen: {fact['seen']})" if fact.get("seen") else ""
                self.stdout.write(
                    f"  {fact['type']:<12} {fact['result']:<10} {fact['claim_text']}{seen}"
                )
