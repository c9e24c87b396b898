"""Signals other apps may hook into."""

from django.dispatch import Signal

# Sent after an account was anonymised (``user``: the anonymised User). Apps that keep
# personal data about a user outside their posts (subscriptions, drafts, designations)
# clean it up here; the posts themselves stay, signed "former member".
account_deleted = Signal()
