"""Desk forms for monitoring: they validate input; claims.feeds and reviews.* services decide."""

import zoneinfo

from django import forms
from django.utils.translation import gettext_lazy as _

from claims.web_addresses import WebAddressFormField
from reviews.monitor_models import WEBHOOK_EVENTS


class FeedForm(forms.Form):
    url = WebAddressFormField(
        label=_("Feed address"),
        help_text=_("RSS, Atom, JSON Feed or a news sitemap."),
        widget=forms.URLInput(attrs={"placeholder": "https://", "dir": "ltr"}),
    )
    publisher = forms.CharField(max_length=200, label=_("Publisher"))
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("Detect")), ("ar", _("Arabic")), ("en", _("English"))],
    )
    interval_minutes = forms.IntegerField(
        label=_("Poll every (minutes)"), min_value=1, max_value=24 * 60, initial=15
    )


class WebhookForm(forms.Form):
    url = WebAddressFormField(
        label=_("Receiver address"),
        widget=forms.URLInput(attrs={"placeholder": "https://", "dir": "ltr"}),
    )
    events = forms.MultipleChoiceField(
        label=_("Events"),
        choices=[(event, event) for event in WEBHOOK_EVENTS],
        widget=forms.CheckboxSelectMultiple,
    )
    secret = forms.CharField(
        label=_("Signing secret"),
        min_length=16,
        max_length=200,
        help_text=_("At least 16 random characters; the receiver checks signatures with it."),
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
    )


def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


class DigestForm(forms.Form):
    is_enabled = forms.BooleanField(label=_("E-mail me the morning list"), required=False)
    hour = forms.TypedChoiceField(
        label=_("At"),
        coerce=int,
        choices=[(hour, f"{hour:02d}:00") for hour in range(24)],
        initial=7,
    )
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=time_zone_choices, initial="UTC")
