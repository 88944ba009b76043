"""factory_boy factories for the Django models."""

import datetime as dt

import factory
from django.contrib.auth import get_user_model

from bagalau.org import models as org


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.kz")
    password = factory.django.Password("pass")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = org.Organisation
        skip_postgeneration_save = True

    name_kk = factory.Sequence(lambda n: f"Сынақ аппараты {n}")
    name_ru = factory.Sequence(lambda n: f"Тестовый аппарат {n}")
    name_en = factory.Sequence(lambda n: f"Test apparatus {n}")
    body = "sjc"
    editions = factory.RelatedFactory(
        "tests.factories.EditionAssignmentFactory", factory_related_name="organisation"
    )


class EditionAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = org.EditionAssignment

    organisation = factory.SubFactory(OrganisationFactory, editions=None)
    edition = "sjc-2023"
    valid_from = dt.date(2023, 3, 14)


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = org.Unit

    organisation = factory.SubFactory(OrganisationFactory)
    name_kk = factory.Sequence(lambda n: f"Бөлім {n}")
    name_ru = factory.Sequence(lambda n: f"Отдел {n}")
    name_en = factory.Sequence(lambda n: f"Department {n}")


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = org.Position

    unit = factory.SubFactory(UnitFactory)
    name_kk = factory.Sequence(lambda n: f"Бас сарапшы {n}")
    name_ru = factory.Sequence(lambda n: f"Главный эксперт {n}")
    category = "B-4"


class ServantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = org.Servant

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    last_name = factory.Sequence(lambda n: f"Сапаров{n}")
    first_name = "Асқар"
    patronymic = "Болатұлы"


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = org.Assignment

    servant = factory.SubFactory(ServantFactory)
    position = factory.SubFactory(PositionFactory)
    start = dt.date(2024, 1, 1)


class AbsenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = org.Absence

    servant = factory.SubFactory(ServantFactory)
    kind = org.AbsenceKind.ANNUAL_LEAVE
    start = dt.date(2026, 4, 1)
    end = dt.date(2026, 4, 14)


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = org.RoleAssignment

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = org.Role.HR
