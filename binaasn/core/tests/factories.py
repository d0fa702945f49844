import factory
from django.conf import settings

from binaasn.core.models import Agency, Membership, User

TEST_PASSWORD = "Sandi-uji-yang-panjang-42"


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Pemerintah Kabupaten Uji {n}")
    slug = factory.Sequence(lambda n: f"uji{n}")
    kind = Agency.Kind.KABUPATEN
    region_code = "75.01"
    mfa_required_roles = ""


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.test")
    full_name = factory.LazyAttribute(lambda o: o.username.title())
    password = factory.django.Password(TEST_PASSWORD)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    agency = factory.SubFactory(AgencyFactory)
    role = "employee"


assert settings.AUTH_USER_MODEL == "core.User"
