"""A person's browser for the production check: one request at a time through nginx, with
cookies, the CSRF token and the htmx header as the real pages send them, and a record of
every answer — so the check can say afterwards whether any person saw a request fail.

A failure a person would see is a connection nginx could not make or keep, or a 5xx
answer (nginx's "502 Bad Gateway" when no gunicorn answered, or Kyozai's error page).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from http.client import HTTPConnection, HTTPException
from urllib.parse import urlencode

from benchmarks.load import form_fields

__all__ = ["Answer", "Browser", "JourneyFailed", "form_fields", "links"]


class JourneyFailed(AssertionError):
    """A step of the journey did not get what a person would need to go on."""


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    @property
    def location(self) -> str:
        return self.headers.get("location", "")


def links(html: str, pattern: str) -> list[str]:
    """The href/src values matching `pattern` (a regular expression), in page order, once
    each."""
    found = re.findall(r'(?:href|src)="(' + pattern + r')"', html)
    return list(dict.fromkeys(found))


@dataclass
class Browser:
    """Requests to the site at 127.0.0.1:`port`, as one person."""

    port: int
    name: str
    cookies: dict[str, str] = field(default_factory=dict)
    seen: list[tuple[str, int]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def get(self, path: str, *, htmx: bool = False, expect: int | None = 200) -> Answer:
        return self.request("GET", path, htmx=htmx, expect=expect)

    def post(
        self, path: str, fields: list[tuple[str, str]], *, htmx: bool = False, expect=200
    ) -> Answer:
        return self.request("POST", path, fields=fields, htmx=htmx, expect=expect)

    def request(self, method, path, *, fields=None, htmx=False, expect=200) -> Answer:
        """One request; raises JourneyFailed unless the status is `expect` (None: any
        status that is not a failure)."""
        answer = self.visit(method, path, fields=fields, htmx=htmx)
        if answer is None:
            raise JourneyFailed(f"{self.name}: {method} {path}: no answer ({self.failures[-1]})")
        if answer.status >= 500 or (expect is not None and answer.status != expect):
            raise JourneyFailed(
                f"{self.name}: {method} {path}: HTTP {answer.status}, expected {expect}"
            )
        return answer

    def visit(self, method, path, *, fields=None, htmx=False) -> Answer | None:
        """One request, recorded; None when no answer came (recorded as a failure)."""
        headers = self._headers(method, htmx)
        body = None
        if fields is not None:
            body = urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            answer = self._send(method, path, body, headers)
        except (OSError, HTTPException) as error:
            self._record(f"{method} {path}", 0, f"{method} {path}: no answer ({error})")
            return None
        problem = f"{method} {path}: HTTP {answer.status}" if answer.status >= 500 else ""
        self._record(f"{method} {path}", answer.status, problem)
        return answer

    def _headers(self, method: str, htmx: bool) -> dict[str, str]:
        headers = {"Host": f"127.0.0.1:{self.port}", "User-Agent": f"kyozai-prodcheck/{self.name}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method == "POST":
            # What a browser sends on a same-origin form post, and what htmx adds.
            headers["Origin"] = f"http://127.0.0.1:{self.port}"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        if htmx:
            headers["HX-Request"] = "true"
        return headers

    def _send(self, method: str, path: str, body: str | None, headers: dict) -> Answer:
        connection = HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            answer = Answer(
                response.status,
                {name.lower(): value for name, value in response.getheaders()},
                response.read(),
            )
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    self._keep_cookie(value)
            return answer
        finally:
            connection.close()

    def _keep_cookie(self, header: str) -> None:
        key, _, value = header.split(";", 1)[0].partition("=")
        if "max-age=0" in header.lower() or value in ("", '""'):
            self.cookies.pop(key.strip(), None)
        else:
            self.cookies[key.strip()] = value.strip().strip('"')

    def _record(self, what: str, status: int, problem: str) -> None:
        with self._lock:
            self.seen.append((what, status))
            if problem:
                self.failures.append(problem)
