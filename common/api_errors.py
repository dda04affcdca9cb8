"""The one shape every refusal of the JSON API has, whichever router answers.

`{"detail": "...", "errors": [{"field": "...", "message": "..."}]}`: `detail` says what
went wrong in a sentence, `errors` names each field (or query parameter) that was wrong.
When no field is to blame (401, 403, 404) `errors` is left out — the schema's default, an
empty list — so those answers stay `{"detail": "Not Found"}` as clients have always read
them. Bad input is 400, never ninja's 422, so a client handles every refusal one way.
config/api_errors.py installs the handlers; each operation lists its refusals with
`refusals()`, so the OpenAPI schema documents them.
"""

from ninja import Schema


class FieldError(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    detail: str
    errors: list[FieldError] = []


REFUSALS = (400, 401, 403, 404)


def refusals(*codes: int) -> dict[int, type[ErrorOut]]:
    """The refusals an endpoint can answer, for its `response=`: 400 bad input (`errors`
    names each field), 401 not signed in, 403 not allowed or the CSRF token is missing,
    404 no such thing — or not one you may see. The OpenAPI schema must list every status
    a client can get, or clients (and schemathesis, see tests/api/) cannot trust it."""
    if not set(codes) <= set(REFUSALS):
        raise ValueError(f"Refusals are {REFUSALS}, not {codes}.")
    return dict.fromkeys(codes, ErrorOut)


class BadInput(Exception):
    """One or more fields a router found wrong itself (an unknown grade, a plan full of
    steps…): a 400 in the shape above."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.errors = [{"field": field, "message": message}]


def error_body(detail: str, errors: list[dict] | None = None) -> dict:
    return {"detail": detail, "errors": list(errors)} if errors else {"detail": detail}


def bad_input_body(errors: list[dict]) -> dict:
    fields = ", ".join(dict.fromkeys(error["field"] for error in errors))
    return error_body(f"Invalid input: {fields}.", errors)
