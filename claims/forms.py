"""Desk forms for articles: they validate input and nothing else (claims.ingest decides)."""

from django import forms
from django.conf import settings

from claims.text_input import UnreadableText, text_from_bytes

LANGUAGE_CHOICES = [("", "Detect automatically"), ("ar", "Arabic (العربية)"), ("en", "English")]


class ArticleSubmitForm(forms.Form):
    title = forms.CharField(max_length=500, required=False)
    body = forms.CharField(
        required=False,
        strip=False,
        label="Article text",
        widget=forms.Textarea(attrs={"rows": 14, "dir": "auto", "spellcheck": "false"}),
    )
    file = forms.FileField(
        required=False,
        label="…or upload a .txt file",
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,text/plain"}),
    )
    url = forms.CharField(
        max_length=2000,
        required=False,
        label="…or the article's URL",
        widget=forms.URLInput(attrs={"placeholder": "https://", "dir": "ltr"}),
    )
    language = forms.ChoiceField(choices=LANGUAGE_CHOICES, required=False)
    published_url = forms.CharField(
        max_length=2000,
        required=False,
        label="Published URL",
        help_text="Where the publisher shows the article; badges and ClaimReview use it.",
        widget=forms.URLInput(attrs={"placeholder": "https://", "dir": "ltr"}),
    )

    def clean_file(self) -> str:
        upload = self.cleaned_data.get("file")
        if not upload:
            return ""
        # A UTF-8 character is at most 4 bytes, and ingest tolerates 4x the limit before cleaning.
        limit = settings.CLAIMDESK_MAX_ARTICLE_CHARS
        if upload.size > limit * 16:
            raise forms.ValidationError(f"The article is longer than {limit:,} characters.")
        try:
            return text_from_bytes(upload.read())
        except UnreadableText as error:
            raise forms.ValidationError(str(error)) from None

    def clean(self) -> dict:
        data = super().clean()
        given = [name for name in ("body", "file", "url") if (data.get(name) or "").strip()]
        if len(given) > 1:
            raise forms.ValidationError(
                "Give the article one way: paste its text, upload a file, or give its URL."
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
        }
