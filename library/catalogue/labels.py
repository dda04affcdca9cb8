"""Unit labels as printed ("Unit 10", "Lesson 3", "Program 2") and the number that sorts them.

Plain functions with no models, so the catalogue loader can use them from a migration
(with historical models) and TextbookUnit.save can use them for units editors add.
"""

import re

_NUMBER = re.compile(r"(\d+)")


def number_from_label(label: str) -> int | None:
    """The first number in a label ("Unit 10" → 10, "Lesson 3 Part 1" → 3); None when the
    label has none ("Starter")."""
    match = _NUMBER.search(label or "")
    return int(match.group(1)) if match else None
