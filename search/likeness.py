"""The text a page is compared by for related materials (search/more_like_this.py), in a
module of its own: the backend interface (search/backends/base.py) names it, and
more_like_this imports the backends, so keeping it there made a circle of imports."""

from __future__ import annotations

from dataclasses import dataclass

from .documents import body_text


@dataclass(frozen=True)
class Likeness:
    """The text a page is compared by, per kind of field (both languages together)."""

    page_id: int
    title: str
    summary: str
    tags: str
    body: str

    @classmethod
    def of_page(cls, page) -> Likeness:
        return cls(
            page_id=page.pk,
            title=f"{page.title}\n{page.title_ja}",
            summary=f"{page.summary}\n{page.summary_ja}",
            tags="\n".join(tag.name for tag in page.tags.all()),
            body=body_text(page.body),
        )

    def texts(self) -> list[str]:
        return [text for text in (self.title, self.summary, self.tags, self.body) if text.strip()]
