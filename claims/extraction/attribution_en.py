"""English attribution vocabulary: reporting verbs, passive and inverted forms, the words that
open or close a speaker (used by attribution.py)."""

from __future__ import annotations

import re

from .numbers import first_chars

_EN_VERBS = (
    "said|says|say|told|tells|announced|announces|stated|added|noted|explained|reported|"
    "reports|confirmed|confirms|warned|warns|declared|claimed|insisted|argued|wrote|tweeted|"
    "expects|expect|expected|forecast|forecasts|predicted|predicts|predict|estimated|"
    "estimates|estimate|projected|showed|shows|show|found|finds|denied|denies|deny|"
    "acknowledged|admitted|stressed|cautioned"
)
# "as estimated by the IMF", "as reported by Reuters": the agent of a passive report.
_EN_PASSIVE = (
    "estimated|forecast|reported|projected|calculated|predicted|expected|noted|stated|"
    "announced|confirmed|measured|recorded|shown"
)
EN_ATTR = re.compile(
    first_chars(_EN_VERBS.split("|"), "aA")
    + rf"(?<![\w])(?:(?P<verb>{_EN_VERBS})|(?P<prep>[Aa]ccording\s+to|[Aa]s\s+(?:{_EN_PASSIVE})\s+by))(?![\w])"
)
_EN_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who", "which", "that", "this",
                "there", "some", "many", "others", "one"}  # fmt: skip
_EN_LEAD = re.compile(
    r"^(?:and|but|so|meanwhile|also|however|while|whereas|as|although|though)\s+", re.IGNORECASE
)
# Verbs that are also nouns or adjectives ("estimates", "the forecast", "TV shows"): only
# a speech context after them ("that", a comma, a time) makes them report something.
_EN_NOUNY = {"forecast", "forecasts", "estimate", "estimates", "reports", "shows", "show",
             "finds", "found", "projected", "say"}  # fmt: skip
# ...except after a subject that is evidence: "official figures showed the economy grew".
_EN_EVIDENCE = {"figures", "data", "report", "survey", "study", "poll", "statistics",
                "analysis", "research", "records", "documents", "estimates", "results",
                "numbers", "census", "index", "review", "audit", "investigation", "filings",
                "tally", "count", "assessment", "models", "polls", "surveys", "studies",
                "reports", "minutes", "projections"}  # fmt: skip
_EN_FORECAST = {"expects", "expect", "expected", "forecast", "predicted", "predicts", "predict",
                "estimated", "estimate"}  # fmt: skip
# Words between a subject and its verb: "Economists had forecast", "The ministry has
# repeatedly denied"; they stay in the fact's text but not in the speaker.
_EN_AUX = {"had", "has", "have", "will", "would", "could", "can", "may", "might", "also",
           "previously", "earlier", "repeatedly", "now", "still", "already", "recently",
           "often", "again", "reportedly", "later", "then", "did", "does", "do", "initially",
           "publicly", "flatly", "strongly", "firmly", "had also", "widely"}  # fmt: skip
# A passive or an infinitive is not a report: "were forecast", "have been reported",
# "refused to say".
_EN_NOT_SUBJECT_END = {"was", "were", "is", "are", "be", "been", "being", "to", "not",
                       "the", "a", "an", "its", "their", "his", "her", "our", "my"}  # fmt: skip
_EN_SAY_INVERTED = {"said", "says", "added", "told", "wrote", "explained", "noted", "warned",
                    "insisted", "argued", "declared", "stated", "tweeted", "cautioned",
                    "stressed", "confirmed", "announced", "reported"}  # fmt: skip
_EN_DETERMINER_START = re.compile(
    r"(?:the|a|an|one|another|two|three|several|his|her|its|their)\s", re.IGNORECASE
)
_EN_ACRONYM_AFTER = re.compile(r"\s*\([A-Z][A-Za-z.&]{1,10}\)")
_EN_AFTER_END = re.compile(
    r"[,.;:!?\"“”()]|\s(?:that|on|in|at|during|after|before|as|when|while|to|who|which|"
    r"last|this|yesterday|today|on)\s",
)
_EN_NEEDS_CONTEXT = {"added", "noted", "claimed", "declared", "argued", "explained"} | _EN_NOUNY
_EN_AFTER_VERB = re.compile(
    r"\s*(?:$|[.,;:!?\"“”]|(?:that|on|in|at|during|after|before|earlier|late|yesterday|today|"
    r"last|this|on|when|while|as|adding|without)\b)"
)
_EN_ABBREV_DOT = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov|Col|Lt|St|Jr|Sr)|\b[A-Z])\.$"
)
_EN_CLAUSE_START = re.compile(r"[,;:\"“”«»()\n.!?—]|\bthat\b")
