"""Signals other apps connect to."""

from django.dispatch import Signal

# Sent by ``services.designation_end`` after the designation is ended (inside the
# transaction). Receivers move the ended specialist's open work to ``successor``
# (which may be None). Arguments: ``designation``, ``successor``.
designation_handover = Signal()
