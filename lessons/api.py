"""Lesson-plan endpoints of the JSON API (/api/v1/lessons/)."""

from ninja import Router

router = Router(tags=["lessons"])
