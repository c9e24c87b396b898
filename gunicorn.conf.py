"""gunicorn settings read from the working directory by default.

The systemd unit (deploy/exchange-web.service) and the fault harness start gunicorn
from the project root, so this file applies to both; the command line still sets
bind, workers and timeouts.
"""

import logging


def post_worker_init(worker):
    """Build what a worker's first search would otherwise pay for, before it takes
    requests: the search thesaurus index (about 1.3 s of CPU at 20 000 items, paid
    again after every ``--max-requests`` recycling). A database that is down only
    skips it: the first search builds it then."""
    from django.db import connections

    try:
        from search.thesaurus import current_index

        current_index()
    except Exception:  # noqa: BLE001 - never stop a worker for a warm-up
        logging.getLogger("exchange").warning(
            "thesaurus warm-up skipped", exc_info=True
        )
    finally:
        connections.close_all()
