"""The signals docs/architecture.md promises are received by the apps it names."""

import pytest

from exchange.accounts.signals import account_deleted
from specialists.signals import designation_handover

# The apps docs/architecture.md names for each signal, by the module of the receiver.
PROMISED = {
    "account_deleted": (
        account_deleted,
        {
            "forum.account_data",
            "specialists.account_data",
            "practices.account_data",
            "exchange.notifications.account_data",
        },
    ),
    "designation_handover": (
        designation_handover,
        {"forum.receivers", "practices.reviews"},
    ),
}


def _receiver_modules(signal) -> set[str]:
    sync_receivers, async_receivers = signal._live_receivers(None)
    return {f.__module__ for f in [*sync_receivers, *async_receivers]}


@pytest.mark.parametrize("name", sorted(PROMISED))
def test_every_app_the_docs_name_receives_the_signal(name):
    signal, modules = PROMISED[name]
    missing = modules - _receiver_modules(signal)
    assert not missing, f"{name} is promised to, but not received by: {missing}"


def test_the_docs_name_the_apps_that_handle_the_handover():
    from pathlib import Path

    text = Path(__file__).resolve().parents[2].joinpath("docs/architecture.md")
    architecture = " ".join(text.read_text().split())
    assert "which the forum and practices handle" in architecture
