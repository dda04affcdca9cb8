"""A teacher's own shelf: materials they saved, and the ones they used in class.

Both are per user and need a log-in; the page shows how many teachers used it, which is
the most honest "this works" signal a library can give.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .pages import LibraryPage


class SavedMaterial(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_materials"
    )
    page = models.ForeignKey(LibraryPage, on_delete=models.CASCADE, related_name="saved_by")
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("saved material")
        ordering = ["-saved_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "page"], name="save_a_material_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} saved {self.page_id}"


class ClassUse(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="class_uses"
    )
    page = models.ForeignKey(LibraryPage, on_delete=models.CASCADE, related_name="class_uses")
    used_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("used in class")
        ordering = ["-used_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "page"], name="count_a_teachers_use_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} used {self.page_id}"
