"""Signals other apps may hook into."""

from django.dispatch import Signal

# Sent after an account was anonymised (``user``: the anonymised User). Apps that keep
# personal data about a user outside their posts (subscriptions, drafts, designations)
# clean it up here; the posts themselves stay, signed "former member".
account_deleted = Signal()

# Sent after a coordinator (or the e-mail domain allow-list) decided on a sign-up.
# Arguments: ``user``, ``decided_by`` (None for the allow-list), ``decision``
# ("approve" or "reject"), ``reason``.
approval_decided = Signal()
