"""Desk forms for the review workflow: they validate input; reviews.* services decide."""

from django import forms

from claims.models import Snapshot
from reviews.models import Rating
from reviews.verdicts import SUMMARY_ADVISED_CHARS as SUMMARY_SOFT_LIMIT


class SnapshotChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Snapshot) -> str:
        title = obj.title or obj.final_url
        return f"{title} ({obj.fetched_at:%Y-%m-%d %H:%M})"


class VerdictForm(forms.Form):
    rating = forms.ModelChoiceField(
        queryset=Rating.objects.none(), required=False, empty_label="Choose a rating…"
    )
    summary = forms.CharField(
        max_length=500,
        required=False,
        widget=forms.Textarea(
            attrs={
                "rows": 2,
                "dir": "auto",
                "data-soft-limit": SUMMARY_SOFT_LIMIT,
                "data-counter": "summary-counter",
            }
        ),
        help_text=f"One sentence; readers see about {SUMMARY_SOFT_LIMIT} characters of it.",
    )
    rationale = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 8, "dir": "auto"})
    )
    evidence = SnapshotChoiceField(
        queryset=Snapshot.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Evidence to cite",
    )
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, ratings=None, snapshots=None, **kwargs):
        super().__init__(*args, **kwargs)
        if ratings is not None:
            self.fields["rating"].queryset = ratings
        if snapshots is not None:
            self.fields["evidence"].queryset = snapshots


class SourceAttachForm(forms.Form):
    url = forms.CharField(
        max_length=2000,
        label="Source URL",
        widget=forms.URLInput(attrs={"placeholder": "https://", "dir": "ltr"}),
    )


class VerdictReturnForm(forms.Form):
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        error_messages={"required": "Say what the checker should change: a comment is required."},
    )
