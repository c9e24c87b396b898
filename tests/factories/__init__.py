"""Factories of every app; import them from here: ``from tests.factories import``."""

from .accounts import *  # noqa: F401,F403
from .forum import *  # noqa: F401,F403
from .practices import *  # noqa: F401,F403
from .specialists import *  # noqa: F401,F403
