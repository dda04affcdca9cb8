"""The one error the search service raises for a request it cannot answer."""


class InvalidSearch(ValueError):
    """A parameter a teacher or an API client sent is not usable. `param` names it (as the
    API and the URL spell it: "page", "grade", "q"…), `message` says what is wrong in words
    a teacher understands. The API answers 400 with both; the search page shows the message.
    """

    def __init__(self, param: str, message: str, value: str | None = None):
        super().__init__(f"{param}: {message}")
        self.param = param
        self.message = str(message)
        # The one bad value of a list parameter, when it was one (grade=ES5&grade=XX → XX).
        self.value = value
