"""The translation catalogue with Python alone (no GNU gettext needed on a fresh clone).

    python scripts/messages.py update    # extract messages from the source into locale/*/django.po
    python scripts/messages.py compile   # write django.mo next to each django.po
    python scripts/messages.py check     # exit 1 when a message lacks a translation or a .mo is stale

Extraction reads Python with Babel's extractor and templates through Django's own `templatize`
(what `makemessages` feeds to xgettext), so message ids match what Django looks up at run time.
The compiled .mo files are committed; tests/test_i18n_catalogue.py holds them in step.
"""

import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
LOCALE = ROOT / "locale"
LANGUAGES = ["ar"]
PYTHON_ROOTS = ["claims", "reviews", "config"]
# Pure-Python packages with no Django: nothing in them is shown through the catalogue.
SKIP = ("migrations", "extraction", "fetching", "__pycache__")
KEYWORDS = {
    "_": None,
    "_noop": None,
    "gettext": None,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_lazy": ((1, "c"), 2, 3),
}
ARABIC_PLURAL_EXPR = (
    "n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5"
)
HEADER_COMMENT = (
    "# Claimdesk's Arabic interface, in the register of an Arabic newsroom.\n"
    "# Update with `make messages` (Python only), then translate every empty msgstr."
)


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("SECRET_KEY", "catalogue-tooling-only")
    import django

    django.setup()


def source_files() -> list[Path]:
    files = []
    for root in PYTHON_ROOTS:
        for path in sorted((ROOT / root).rglob("*.py")):
            if not any(part in SKIP for part in path.relative_to(ROOT).parts):
                files.append(path)
    files.extend(sorted((ROOT / "templates").rglob("*.html")))
    return files


def extract():
    """Every message in the source, as a Babel catalogue (msgid, or (singular, plural))."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract

    _setup_django()
    from django.utils.translation.template import templatize

    catalog = Catalog(project="Claimdesk", charset="utf-8")
    for path in source_files():
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".html":
            # Each call is one line with a repr()'d literal; what is around it is filler that
            # Python's tokenizer would read as bad indentation.
            text = "\n".join(
                line.lstrip() for line in templatize(text, origin=str(path)).split("\n")
            )
        found = extract("python", io.BytesIO(text.encode("utf-8")), KEYWORDS)
        for lineno, messages, _comments, context in found:
            if not messages:  # {% translate variable %}: the value is looked up at run time
                continue
            flags = ("python-format",) if "%" in str(messages) else ()
            catalog.add(
                messages,
                locations=[(str(path.relative_to(ROOT)), lineno)],
                context=context,
                flags=flags,
            )
    return catalog


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "django.po"


def read_po(language: str):
    from babel.messages.pofile import read_po as babel_read_po

    path = po_path(language)
    if not path.exists():
        return None
    with path.open("rb") as handle:
        return babel_read_po(handle, locale=language)


def update() -> None:
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    template = extract()
    for language in LANGUAGES:
        catalog = read_po(language) or Catalog(locale=language, project="Claimdesk")
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        # CLDR's Arabic rule as gettext writes it (six forms); the header is final, not fuzzy.
        catalog._num_plurals, catalog._plural_expr = 6, ARABIC_PLURAL_EXPR
        catalog.fuzzy = False
        catalog.header_comment = HEADER_COMMENT
        catalog.project, catalog.version = "Claimdesk", "1"
        catalog.last_translator = "Claimdesk newsroom <claimdesk@localhost>"
        catalog.language_team = "Arabic"
        path = po_path(language)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(handle, catalog, width=0, omit_header=False, sort_output=False)
        print(f"{path.relative_to(ROOT)}: {len(catalog)} messages")


def compiled(language: str) -> bytes:
    from babel.messages.mofile import write_mo

    buffer = io.BytesIO()
    write_mo(buffer, read_po(language), use_fuzzy=False)
    return buffer.getvalue()


def compile_all() -> None:
    for language in LANGUAGES:
        path = po_path(language).with_suffix(".mo")
        path.write_bytes(compiled(language))
        print(f"{path.relative_to(ROOT)} written")


def untranslated(language: str) -> list[str]:
    """Message ids in the source with no (or a fuzzy, or a partly empty) translation."""
    catalog = read_po(language)
    missing = []
    for message in extract():
        if not message.id:  # the catalogue's header
            continue
        found = catalog.get(message.id, context=message.context) if catalog else None
        strings = (
            []
            if found is None
            else found.string
            if isinstance(found.string, tuple)
            else [found.string]
        )
        if found is None or found.fuzzy or not strings or not all(strings):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
        elif isinstance(message.id, tuple) and len(strings) != 6:
            missing.append(message.id[0])
    return missing


def check() -> int:
    problems = 0
    for language in LANGUAGES:
        for msgid in untranslated(language):
            print(f"{language}: no translation for {msgid!r}")
            problems += 1
        mo = po_path(language).with_suffix(".mo")
        if not mo.exists() or mo.read_bytes() != compiled(language):
            print(f"{mo.relative_to(ROOT)} is not compiled from its .po: run `make messages`")
            problems += 1
    return 1 if problems else 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command == "update":
        update()
    elif command == "compile":
        compile_all()
    elif command == "check":
        sys.exit(check())
    else:
        sys.exit(__doc__)
