import factory
from allauth.account.models import EmailAddress

from exchange.accounts.models import Role, User

__all__ = [
    "UserFactory",
    "CaseworkerFactory",
    "SpecialistFactory",
    "CoordinatorFactory",
]


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@ocmw-test.example")
    full_name = factory.Faker("name")
    role = Role.CASEWORKER
    language = "en"
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.get_or_create(
                user=self,
                email=self.email,
                defaults={"verified": True, "primary": True},
            )


class CaseworkerFactory(UserFactory):
    role = Role.CASEWORKER


class SpecialistFactory(UserFactory):
    role = Role.SPECIALIST


class CoordinatorFactory(UserFactory):
    role = Role.COORDINATOR
