import factory
from django.contrib.auth.models import Group

from accounts.groups import EDITORS, TEACHERS
from accounts.models import Role, User

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"teacher{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.jp")
    display_name = factory.Faker("name")
    role = Role.ALT
    password = factory.django.Password(PASSWORD)


class TeacherFactory(UserFactory):
    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name=TEACHERS))


class EditorFactory(UserFactory):
    role = Role.EDITOR

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name=EDITORS))
