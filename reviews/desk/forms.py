"""Desk forms: they validate input and nothing else (the services decide)."""

from django import forms
from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from claims.models import Claim, Snapshot, UserPreferences
from claims.preferences import time_zone_names
from claims.text_input import UnreadableText, text_from_bytes
from claims.web_addresses import WebAddressFormField
from reviews.models import Rating
from reviews.verdicts import SUMMARY_ADVISED_CHARS as SUMMARY_SOFT_LIMIT

LANGUAGE_CHOICES = [
    ("", _("Detect automatically")),
    ("ar", _("Arabic (العربية)")),
    ("en", _("English")),
]


class ArticleSubmitForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=500, required=False)
    body = forms.CharField(
        required=False,
        strip=False,
        label=_("Article text"),
        widget=forms.Textarea(attrs={"rows": 14, "dir": "auto", "spellcheck": "false"}),
    )
    file = forms.FileField(
        required=False,
        label=_("…or upload a .txt file"),
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,text/plain"}),
    )
    url = WebAddressFormField(
        required=False,
        label=_("…or the article's URL"),
        widget=forms.URLInput(attrs={"placeholder": "https://", "dir": "ltr"}),
    )
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES, required=False)
    published_url = WebAddressFormField(
        required=False,
        label=_("Published URL"),
        help_text=_("Where the publisher shows the article; badges and ClaimReview use it."),
        widget=forms.URLInput(attrs={"placeholder": "https://", "dir": "ltr"}),
    )

    published_on = forms.DateField(
        required=False,
        label=_("Published on"),
        help_text=_(
            "The article's own publication date, as the publisher gives it (read from the page "
            "for a URL when left empty)."
        ),
        widget=forms.DateInput(attrs={"type": "date", "dir": "ltr"}),
    )

    def clean_file(self) -> str:
        upload = self.cleaned_data.get("file")
        if not upload:
            return ""
        # A UTF-8 character is at most 4 bytes, and ingest tolerates 4x the limit before cleaning.
        limit = settings.CLAIMDESK_MAX_ARTICLE_CHARS
        if upload.size > limit * 16:
            raise forms.ValidationError(
                _("The article is longer than %(limit)s characters.") % {"limit": f"{limit:,}"}
            )
        try:
            return text_from_bytes(upload.read())
        except UnreadableText as error:
            raise forms.ValidationError(str(error)) from None

    def clean(self) -> dict:
        data = super().clean()
        given = [name for name in ("body", "file", "url") if (data.get(name) or "").strip()]
        if len(given) > 1:
            raise forms.ValidationError(
                _("Give the article one way: paste its text, upload a file, or give its URL.")
            )
        return data

    def submission(self) -> dict:
        """Keyword arguments for claims.ingest.article_submit."""
        data = self.cleaned_data
        body = data.get("file") or data.get("body") or ""
        url = (data.get("url") or "").strip()
        return {
            "title": data.get("title") or "",
            "body": body if not url else None,
            "url": url or None,
            "language": data.get("language") or None,
            "published_url": (data.get("published_url") or "").strip() or None,
            "published_on": data.get("published_on"),
        }


class RatingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Rating) -> str:
        return gettext(obj.label)  # the default scale's labels are in the catalogue


class SnapshotChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Snapshot) -> str:
        title = obj.title or obj.final_url
        return f"{title} ({obj.fetched_at:%Y-%m-%d %H:%M})"


def _short_text(counter: str) -> forms.Textarea:
    """A two-line box whose counter warns past what search results show."""
    return forms.Textarea(
        attrs={
            "rows": 2,
            "dir": "auto",
            "data-soft-limit": SUMMARY_SOFT_LIMIT,
            "data-counter": counter,
        }
    )


class VerdictForm(forms.Form):
    rating = RatingChoiceField(
        queryset=Rating.objects.none(), required=False, empty_label=_("Choose a rating…")
    )
    claim_reviewed = forms.CharField(
        label=_("Claim as reviewed"),
        max_length=2000,
        required=False,
        widget=_short_text("claim-reviewed-counter"),
        help_text=format_lazy(
            _(
                "Published as the claim readers see (ClaimReview claimReviewed); the claim's text "
                "unless you word it. About {limit} characters show."
            ),
            limit=SUMMARY_SOFT_LIMIT,
        ),
    )
    summary = forms.CharField(
        max_length=500,
        required=False,
        widget=_short_text("summary-counter"),
        help_text=format_lazy(
            _("One sentence; readers see about {limit} characters of it."), limit=SUMMARY_SOFT_LIMIT
        ),
    )
    rationale = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 8, "dir": "auto"})
    )
    evidence = SnapshotChoiceField(
        queryset=Snapshot.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Evidence to cite"),
        help_text=_(
            "Cite at least one archived source; only a rating such as Unverifiable needs none."
        ),
    )
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, ratings=None, snapshots=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rating"].widget.attrs["data-shortcut"] = "r"
        if ratings is not None:
            self.fields["rating"].queryset = ratings
        if snapshots is not None:
            self.fields["evidence"].queryset = snapshots


class SourceAttachForm(forms.Form):
    url = WebAddressFormField(
        label=_("Source URL"),
        widget=forms.URLInput(attrs={"placeholder": "https://", "dir": "ltr"}),
    )


class VerdictReturnForm(forms.Form):
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        error_messages={
            "required": _("Say what the checker should change: a comment is required.")
        },
    )


MAX_OFFSET = 2_147_483_647


def _offset_field(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=MAX_OFFSET,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "dir": "ltr"}),
    )


def _version_field() -> forms.IntegerField:
    return forms.IntegerField(min_value=0, max_value=MAX_OFFSET, widget=forms.HiddenInput)


class SpanFields(forms.Form):
    start = _offset_field(_("Start"))
    end = _offset_field(_("End"))

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start is not None and end is not None and end <= start:
            raise forms.ValidationError(_("The end must come after the start."))
        return data


class ClaimSpanForm(SpanFields):
    version = _version_field()


class ClaimAddForm(SpanFields):
    kind = forms.ChoiceField(
        choices=[
            (value, label)
            for value, label in Claim.Kind.choices
            if value != Claim.Kind.INCONSISTENCY
        ],
        initial=Claim.Kind.STATEMENT,
    )


class ClaimSplitForm(forms.Form):
    at = _offset_field(_("Split at"))
    version = _version_field()


class ClaimDismissForm(forms.Form):
    reason = forms.CharField(
        max_length=500,
        label=_("Why is it not check-worthy?"),
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
        error_messages={
            "required": _("Say why the claim is not check-worthy: a reason is required.")
        },
    )
    version = _version_field()


class ClaimReopenForm(forms.Form):
    version = _version_field()


class CheckerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.get_username()


class ClaimReassignForm(forms.Form):
    checker = CheckerChoiceField(
        queryset=None,
        empty_label=_("Choose a fact-checker…"),
        error_messages={
            "required": _("Choose the fact-checker who should take the claim."),
            "invalid_choice": _("That person is not a fact-checker on this queue."),
        },
    )

    def __init__(self, *args, checkers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["checker"].queryset = checkers


class ClaimsBulkAssignForm(ClaimReassignForm):
    claims = forms.TypedMultipleChoiceField(
        coerce=int,
        choices=[],
        error_messages={
            "required": _("Tick at least one claim to assign."),
            "invalid_choice": _(
                "Claim %(value)s is no longer open in this queue: reload the page."
            ),
        },
    )

    def __init__(self, *args, claim_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["claims"].choices = [(pk, pk) for pk in claim_ids]


class CorrectionForm(VerdictForm):
    """The verdict fields, for a new verdict that supersedes the published one."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "correction_%s")
        super().__init__(*args, **kwargs)
        self.fields["rating"].required = True
        self.fields["rating"].error_messages["required"] = _("A correction needs a rating.")
        self.fields["summary"].required = True
        self.fields["summary"].error_messages["required"] = _("A correction needs a summary.")
        self.fields["summary"].widget.attrs["data-counter"] = "correction-summary-counter"
        self.fields["claim_reviewed"].widget.attrs["data-counter"] = "correction-claim-counter"


class PreferencesForm(forms.Form):
    """How a person reads the desk; stored by claims.preferences.preferences_update."""

    language = forms.ChoiceField(
        label=_("Interface language"),
        required=False,
        choices=[("", _("As my browser asks")), *settings.LANGUAGES],
    )
    digits = forms.ChoiceField(label=_("Digits"), choices=UserPreferences.Digits.choices)
    time_zone = forms.CharField(
        label=_("Time zone"),
        required=False,
        max_length=64,
        help_text=_("For example Asia/Beirut or Europe/London. Empty: the newsroom's time zone."),
        widget=forms.TextInput(attrs={"dir": "ltr", "list": "time-zones", "autocomplete": "off"}),
    )
    # WCAG 2.1.4: single-key shortcuts can misfire under speech input; each person may turn them off.
    shortcuts_enabled = forms.BooleanField(
        label=_("Single-key keyboard shortcuts"),
        required=False,
        help_text=_(
            "Keys such as n (take next) or a (approve) act at once. Untick to turn them off; "
            "press ? on any desk page for the list."
        ),
    )

    def clean_time_zone(self) -> str:
        name = (self.cleaned_data.get("time_zone") or "").strip()
        if name and name not in time_zone_names():
            raise forms.ValidationError(
                _("No time zone is called “%(name)s”."), params={"name": name}
            )
        return name
