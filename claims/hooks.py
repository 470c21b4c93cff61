"""Hooks: the points where work in `claims` hands over to the layers above it.

`claims` never imports `reviews`. When something here needs the workflow to act (claims to be
routed into queues, the public cache to forget an address), it sends one of these signals and the
upper layer connects its receivers in `ReviewsConfig.ready()` (see reviews/receivers.py).

Receivers run synchronously, inside the sender's transaction, so what they write commits or rolls
back with the change that caused it.
"""

from django.dispatch import Signal

# New claims were stored and wait to be routed: sent with `claims=[Claim, ...]` (status `new`) and
# `actor` (a user, or None for the extraction worker). Receivers must route each claim exactly once.
claims_created = Signal()

# An address now points at an article (`article_id=`): anything cached about that address,
# such as a public "unknown URL" answer, is stale.
article_address_registered = Signal()

# An article's claims are stored and routed (`article=`, its status `extracted`): the newsroom's
# systems may want to hear of it (webhooks).
article_extracted = Signal()
