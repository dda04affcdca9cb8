"""Schools and classes in the JSON API (/api/v1/schools/), with the pages' rules: a school
and its classes exist only for its members and editors (404 for anyone else, whatever id
they try); members add colleagues and classes."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.security import django_auth
from pydantic import Field

from common.api_errors import BadInput, bad_input_body, refusals
from library.models import Grade
from schools.models import ClassTeacher, School, SchoolClass
from schools.services import access

router = Router(tags=["schools"], auth=django_auth)


class SchoolIn(Schema):
    name: str = Field(min_length=1, max_length=100)
    name_ja: str = Field("", max_length=100)
    stage: str = Field(pattern="^(ES|JHS|SHS)$")
    prefecture: str = Field("", max_length=20)


class SchoolMemberOut(Schema):
    """A member of a school (not a plan's co-planner: lessons' MemberOut; one name each,
    or the OpenAPI schema keeps only one of the two)."""

    username: str
    name: str
    role: str


class SchoolOut(Schema):
    id: int
    name: str
    name_ja: str
    stage: str
    prefecture: str
    members: list[SchoolMemberOut]


class MemberIn(Schema):
    username: str = Field(min_length=1, max_length=150)
    role: str = Field(pattern="^(jte|hrt|alt|other)$")


class TeacherOut(Schema):
    username: str
    name: str
    role: str


class ClassIn(Schema):
    academic_year: int = Field(ge=2000, le=2100)
    grade: str = Field(max_length=5)
    name: str = Field(min_length=1, max_length=40)
    students: int | None = Field(None, ge=1, le=60)
    boys: int | None = Field(None, ge=0, le=60)
    girls: int | None = Field(None, ge=0, le=60)
    teachers: list[MemberIn] = Field(default_factory=list, max_length=10)


class ClassOut(Schema):
    id: int
    school: int
    academic_year: int
    grade: str
    name: str
    students: int | None
    boys: int | None
    girls: int | None
    teachers: list[TeacherOut]


def school_out(school: School) -> dict:
    members = school.memberships.select_related("user").order_by("user__username")
    return {
        "id": school.pk,
        "name": school.name,
        "name_ja": school.name_ja,
        "stage": school.stage,
        "prefecture": school.prefecture,
        "members": [
            {"username": m.user.username, "name": m.user.shown_name, "role": m.role}
            for m in members
        ],
    }


def class_out(school_class: SchoolClass) -> dict:
    return {
        "id": school_class.pk,
        "school": school_class.school_id,
        "academic_year": school_class.academic_year,
        "grade": school_class.grade.code,
        "name": school_class.name,
        "students": school_class.students,
        "boys": school_class.boys,
        "girls": school_class.girls,
        "teachers": [
            {"username": t.user.username, "name": t.user.shown_name, "role": t.role}
            for t in school_class.class_teachers.all()
        ],
    }


def _classes():
    return SchoolClass.objects.select_related("grade").prefetch_related("class_teachers__user")


@router.get("/", response={200: list[SchoolOut], **refusals(401)}, summary="List my schools")
def list_schools(request: HttpRequest):
    return [school_out(s) for s in access.my_schools(request.user).order_by("name")]


@router.post("/", response={201: SchoolOut, **refusals(400, 401)}, summary="Create a school")
def create_school(request: HttpRequest, payload: SchoolIn):
    from schools.forms import role_for

    school = School.objects.create(**payload.dict())
    access.add_member(school, request.user, role_for(request.user), request.user)
    return Status(201, school_out(school))


@router.get(
    "/{int:school_id}/", response={200: SchoolOut, **refusals(401, 404)}, summary="Read a school"
)
def read_school(request: HttpRequest, school_id: int):
    return school_out(access.get_school(request.user, school_id))


@router.post(
    "/{int:school_id}/members/",
    response={201: SchoolOut, **refusals(400, 401, 404)},
    summary="Add a colleague to a school",
)
def add_member(request: HttpRequest, school_id: int, payload: MemberIn):
    school = access.get_school(request.user, school_id)
    person = get_user_model().objects.filter(username=payload.username, is_active=True).first()
    if person is None:
        return Status(400, bad_input_body([{"field": "username", "message": "No such user."}]))
    access.add_member(school, person, payload.role, request.user)
    return Status(201, school_out(school))


@router.get(
    "/{int:school_id}/classes/",
    response={200: list[ClassOut], **refusals(401, 404)},
    summary="List a school's classes",
)
def list_classes(request: HttpRequest, school_id: int):
    school = access.get_school(request.user, school_id)
    return [class_out(c) for c in _classes().filter(school=school)]


def _teachers(school: School, entries: list[MemberIn]) -> list[tuple]:
    members = {u.username: u for u in access.member_users(school)}
    found = []
    for entry in entries:
        if entry.username not in members:
            raise BadInput("teachers", f"{entry.username} is not a member of the school.")
        found.append((members[entry.username], entry.role))
    return found


def _save_class(school_class: SchoolClass, payload: ClassIn) -> SchoolClass:
    grade = Grade.objects.filter(code=payload.grade).first()
    if grade is None:
        raise BadInput("grade", f"Unknown grade “{payload.grade}”.")
    teachers = _teachers(school_class.school, payload.teachers)
    for name in ("academic_year", "name", "students", "boys", "girls"):
        setattr(school_class, name, getattr(payload, name))
    school_class.grade = grade
    try:
        school_class.full_clean()
    except ValidationError as problem:
        field, messages = next(iter(problem.message_dict.items()))
        raise BadInput("name" if field == "__all__" else field, messages[0]) from None
    school_class.save()
    school_class.class_teachers.all().delete()
    ClassTeacher.objects.bulk_create(
        [ClassTeacher(school_class=school_class, user=u, role=r) for u, r in teachers]
    )
    return _classes().get(pk=school_class.pk)


@router.post(
    "/{int:school_id}/classes/",
    response={201: ClassOut, **refusals(400, 401, 404)},
    summary="Create a class",
)
def create_class(request: HttpRequest, school_id: int, payload: ClassIn):
    school = access.get_school(request.user, school_id)
    return Status(201, class_out(_save_class(SchoolClass(school=school), payload)))


@router.get(
    "/classes/{int:class_id}/",
    response={200: ClassOut, **refusals(401, 404)},
    summary="Read a class",
)
def read_class(request: HttpRequest, class_id: int):
    school_class = access.get_class(request.user, class_id)
    return class_out(_classes().get(pk=school_class.pk))


@router.put(
    "/classes/{int:class_id}/",
    response={200: ClassOut, **refusals(400, 401, 404)},
    summary="Change a class",
)
def change_class(request: HttpRequest, class_id: int, payload: ClassIn):
    return class_out(_save_class(access.get_class(request.user, class_id), payload))
