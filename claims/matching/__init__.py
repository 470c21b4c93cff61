"""Matching a claim against earlier claims and fact-checks: pure Python, no Django.

Three parts, one module each:

- `signature` turns a claim (text, language, extracted facts) into what is compared: fact
  keys that an index can look up (`money:USD:4.0e10`), the normalised words, and the
  language-independent concepts that let an Arabic claim meet an English review;
- `scoring` compares two signatures and returns one score in [0, 1] with reasons a person
  can read (machine keys and parameters, translated by the UI);
- `claimreview` reads other fact-checkers' ClaimReview in every published form, streaming.
"""

from claims.matching.scoring import Match, Reason, score_pair
from claims.matching.signature import Signature, lookup_keys, signature_of

__all__ = ["Match", "Reason", "Signature", "lookup_keys", "score_pair", "signature_of"]
