import datetime

import factory
from django.utils import timezone

from specialists.models import (
    AgendaEvent,
    Centre,
    CentreKind,
    Designation,
    DesignationRole,
    DesignationStatus,
    Municipality,
    NetworkGroup,
    SpecialistProfile,
)

from .accounts import SpecialistFactory

__all__ = [
    "CentreFactory",
    "SpecialistProfileFactory",
    "DesignationFactory",
    "NetworkGroupFactory",
    "AgendaEventFactory",
    "municipality",
]


def municipality(refnis: str) -> Municipality:
    """A loaded municipality (needs the ``municipalities`` fixture)."""
    return Municipality.objects.get(refnis=refnis)


class CentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Centre
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"OCMW Test {n}")
    kind = CentreKind.OCMW
    email_domain = factory.Sequence(lambda n: f"ocmw-test-{n}.example")

    @factory.post_generation
    def municipalities(self, create, extracted, **kwargs):
        if create and extracted:
            self.municipalities.set(extracted)


class SpecialistProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpecialistProfile
        skip_postgeneration_save = True

    user = factory.SubFactory(SpecialistFactory)
    languages = " nl fr "
    phone = "+32 9 266 99 11"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # A designation already made an empty profile: fill that one.
        user = kwargs.pop("user")
        profile, _ = model_class.objects.update_or_create(user=user, defaults=kwargs)
        return profile

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


class DesignationFactory(factory.django.DjangoModelFactory):
    """A verified primary designation in force since 30 days.

    ``DesignationFactory(municipalities=[m1, m2])``.
    """

    class Meta:
        model = Designation
        skip_postgeneration_save = True

    user = factory.SubFactory(SpecialistFactory)
    role = DesignationRole.PRIMARY
    status = DesignationStatus.VERIFIED
    start_date = factory.LazyFunction(
        lambda: timezone.localdate() - datetime.timedelta(days=30)
    )
    end_date = None
    verified_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def municipalities(self, create, extracted, **kwargs):
        if create and extracted:
            self.municipalities.set(extracted)

    @factory.post_generation
    def profile(self, create, extracted, **kwargs):
        if create:
            SpecialistProfile.objects.get_or_create(user=self.user)


class NetworkGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkGroup
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Network {n}")
    slug = factory.Sequence(lambda n: f"network-{n}")

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        if create and extracted:
            self.members.set(extracted)


class AgendaEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaEvent

    group = factory.SubFactory(NetworkGroupFactory)
    title = factory.Sequence(lambda n: f"Meeting {n}")
    starts_at = factory.LazyFunction(
        lambda: timezone.now() + datetime.timedelta(days=7)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
