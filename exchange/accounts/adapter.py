"""allauth adapter: sign-up rules of the platform."""

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Sign-up by allow-listed centre domains; others wait for a coordinator."""
