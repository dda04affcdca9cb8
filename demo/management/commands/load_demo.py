"""`manage.py load_demo`: the demo site behind `make run`.

Lives in the demo app, the one app that may import every other (docs/architecture.md).
Safe to run any number of times: everything is keyed by username or slug and updated in
place, never duplicated.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from demo.accounts import create_demo_accounts
from demo.lesson_plan import create_demo_plan
from demo.library import load_demo_library
from lessons.builtin_templates import install_builtin_templates
from library.related import refresh_all
from search import indexing


class Command(BaseCommand):
    help = "Create the demo accounts and demo content (idempotent)."

    def handle(self, *args, **options):
        with transaction.atomic():
            accounts = create_demo_accounts()
        self.stdout.write(self.style.SUCCESS("Demo accounts (username / password):"))
        for account, created in accounts:
            state = "created" if created else "reset"
            self.stdout.write(
                f"  {account.username:<8} / {account.password:<15} {account.role} ({state})"
            )
        library = load_demo_library()
        self.stdout.write(f"Demo library: {library.summary()}")
        # Here and now rather than waiting for the worker: the index first (related
        # materials are ranked through it), then every page's related materials.
        indexing.update_index("database")
        self.stdout.write(f"Related materials stored for {refresh_all()} pages.")
        install_builtin_templates()  # refreshes the built-in lesson templates
        # Last, so the plan can link the demo library's materials when they exist.
        plan, created = create_demo_plan()
        state = "created" if created else "kept"
        self.stdout.write(f"Demo lesson plan: {plan.title} (jte owns it, alt edits it; {state})")
