"""Contact cards (vCard) and the agenda feed (iCalendar)."""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from exchange.accounts.permissions import is_member

AGENDA_SALT = "specialists.agenda-feed"


def person_vcard(person) -> str:
    """A vCard 3.0 of a listed specialist (phone left out when hidden)."""
    import vobject

    card = vobject.vCard()
    card.add("fn").value = person.display_name
    card.add("n").value = vobject.vcard.Name(family=person.display_name)
    email = card.add("email")
    email.value = person.email
    email.type_param = "INTERNET"
    profile = getattr(person, "specialist_profile", None)
    if profile is not None and profile.visible_phone:
        tel = card.add("tel")
        tel.value = profile.visible_phone
        tel.type_param = "WORK"
    if person.home_centre_id:
        card.add("org").value = [person.home_centre.name]
    if person.job_title:
        card.add("title").value = person.job_title
    card.add("url").value = settings.SITE_URL + reverse(
        "specialists:person", args=[person.pk]
    )
    return card.serialize()


def _agenda_signer():
    # "." never occurs in the URL-safe signature, so the token needs no escaping.
    return signing.Signer(salt=AGENDA_SALT, sep=".")


def agenda_token(user) -> str:
    """A signed token naming ``user``: calendar apps fetch the feed without a login.

    It carries the user's ``feed_token_version``: a password change, "reset my feed
    links" and account deletion raise it, so every older link stops working.
    """
    version = user.feed_token_version
    value = f"{user.pk}-{version}" if version else str(user.pk)
    return _agenda_signer().sign(value)


def agenda_token_user(token: str):
    """The active member named by ``token`` (at the current version), or None."""
    from django.contrib.auth import get_user_model

    try:
        value = _agenda_signer().unsign(token)
    except signing.BadSignature:
        return None
    # Links issued before versions existed carry the pk alone: version 0.
    pk, _sep, version = value.partition("-")
    if not pk.isdigit() or not (version or "0").isdigit():
        return None
    user = (
        get_user_model()
        .objects.filter(pk=int(pk), feed_token_version=int(version or "0"))
        .first()
    )
    return user if is_member(user) else None


def agenda_ical(events, *, name: str) -> bytes:
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Newcomer Exchange//specialist network//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now()
    for event in events:
        item = icalendar.Event()
        item.add("uid", f"agenda-event-{event.pk}@newcomer-exchange")
        item.add("dtstamp", stamp)
        item.add("dtstart", event.starts_at)
        item.add("dtend", event.ends_at)
        item.add("summary", f"{event.title} ({event.group.name})")
        if event.location:
            item.add("location", event.location)
        if event.description:
            item.add("description", event.description)
        item.add(
            "url",
            settings.SITE_URL + reverse("specialists:group", args=[event.group.slug]),
        )
        item.add("categories", [event.get_kind_display()])
        calendar.add_component(item)
    return calendar.to_ical()
