"""Signals other apps connect to."""

from django.dispatch import Signal

# Sent by the moderation services after a coordinator acted on a post. Arguments:
# ``moderator``, ``post`` (question, answer or comment), ``verb`` (hide, unhide,
# dismiss_flag, edit, lock, unlock, close_duplicate, move_themes,
# convert_to_practice), ``reason`` (text, may be empty), ``before`` and ``after``
# (small dicts of what changed, or None).
moderation_action = Signal()
