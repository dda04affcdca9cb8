"""The one error the search service raises for a request it cannot answer."""

from library.filters import InvalidFilter


class InvalidSearch(InvalidFilter):
    """A parameter a teacher or an API client sent is not usable: a filter value (as the
    library's filters check them) or the words, sort, page or page size. `param` names it
    (as the API and the URL spell it: "page", "grade", "q"…), `message` says what is wrong
    in words a teacher understands, `value` is the one bad value of a list parameter
    (grade=ES5&grade=XX → XX). The API answers 400 with both; the search page shows the
    message and answers without it.
    """

    @classmethod
    def from_dropped(cls, dropped: InvalidFilter) -> "InvalidSearch":
        return cls(dropped.param, dropped.message, dropped.value)
