"""The outcome form of an inconsistency claim in the workspace, and what the panel shows."""

from django import forms
from django.utils.translation import gettext_lazy as _

from claims.models import Claim, Snapshot
from reviews.conflicts import source_suggestions
from reviews.corrections import outcome_choices, outcome_sentence, outcome_value
from reviews.desk.forms import SnapshotChoiceField
from reviews.models import Verdict


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose one of the outcomes listed.")},
    )
    rationale = forms.CharField(
        label=_("Note for the editor"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
    )
    evidence = SnapshotChoiceField(
        queryset=Snapshot.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Evidence to cite"),
        help_text=_("The archived sources that settle it, if any."),
    )
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, choices=(), snapshots=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [(choice.value, choice.label) for choice in choices]
        if snapshots is not None:
            self.fields["evidence"].queryset = snapshots


def claim_snapshots(claim: Claim):
    return (
        Snapshot.objects.filter(source__citations__claim=claim)
        .select_related("source")
        .order_by("-fetched_at")
    )


def outcome_form(claim: Claim, verdict: Verdict | None, data=None) -> OutcomeForm:
    initial = {"version": verdict.version if verdict else 0}
    if verdict is not None:
        initial.update(
            outcome=outcome_value(verdict),
            rationale=verdict.rationale,
            evidence=[snapshot.pk for snapshot in verdict.evidence.all()],
        )
    return OutcomeForm(
        data,
        initial=initial,
        choices=outcome_choices(claim),
        snapshots=claim_snapshots(claim),
        auto_id="outcome_%s",
    )


def outcome_context(
    claim: Claim, verdict: Verdict | None, *, editable: bool, form: OutcomeForm | None = None
) -> dict:
    """The workspace's outcome panel: the choice made so far and what the sources suggest."""
    chosen = None
    if verdict is not None and verdict.rating_id is not None:
        chosen = outcome_sentence(verdict)[1]
    return {
        "outcome": True,
        "outcome_form": form or outcome_form(claim, verdict),
        "outcome_chosen": chosen,
        "outcome_suggestions": source_suggestions(claim) if editable else [],
    }
