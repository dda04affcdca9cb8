"""`manage.py search_index rebuild|update|status|vocabulary [--backend …]`.

- rebuild: re-create the index from every live, public library page (Elasticsearch: into
  a new index, then the alias moves — searches never go dark; database: one transaction).
  First it reads the words inside the files the previews worker has not converted yet,
  here and now with the worker's own code (library/previews/store.py), so they are
  searchable at once.
- update: write pages published since they were indexed, drop pages that went (after a
  cluster outage, a bulk import, or a restore).
- status: pages on the site, documents in the index, how many are out of date.
- vocabulary: build the language tables from their packages into KYOZAI_SEARCH_DATA_DIR
  (JMdict's school vocabulary, WordNet's word families; search/text/data.py), so the first
  search after an install does not build them. Run by `make install`.

Without --backend it works on every configured backend: the database always (it is the
fallback), Elasticsearch too when ELASTICSEARCH_URL is set.
"""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from library.previews.store import convert_waiting, waiting_for_text
from search import backends, indexing
from search.text import bilingual, data, variants


class Command(BaseCommand):
    help = "Rebuild, update or show the state of the search index."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "update", "status", "vocabulary"])
        parser.add_argument(
            "--backend",
            choices=list(backends.NAMES),
            help="Only this backend (default: every configured one).",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="No progress bar (for logs)."
        )

    def handle(self, *args, action, backend, no_progress, **options):
        if action == "vocabulary":
            self.vocabulary()
            return
        if backend == "elasticsearch" and "elasticsearch" not in indexing.chosen_backends(None):
            raise CommandError("Elasticsearch is not configured: set ELASTICSEARCH_URL.")
        if action == "rebuild":
            self.read_waiting_files(not no_progress)
        for name in indexing.chosen_backends(backend):
            try:
                getattr(self, action)(name, not no_progress)
            except backends.CLUSTER_ERRORS as error:
                raise CommandError(f"{name}: the cluster did not answer: {error}") from error

    def _bar(self, name: str, total: int, show: bool) -> tqdm:
        return tqdm(
            total=total,
            desc=name,
            unit="page",
            file=self.stderr._out,
            disable=not show,
            dynamic_ncols=True,
        )

    def read_waiting_files(self, show: bool) -> None:
        waiting = len(waiting_for_text())
        if not waiting:
            return
        bar = tqdm(
            total=waiting, desc="files", unit="file", file=self.stderr._out, disable=not show
        )
        with bar:
            outcomes = convert_waiting(bar.update)
        self.stdout.write(
            f"Files read: {outcomes['made'] + outcomes['reused']} converted, "
            f"{outcomes['failed']} could not be (shown as 'no preview')."
        )

    def vocabulary(self) -> None:
        folder = data.data_dir()
        for name, build in (
            ("jmdict", bilingual.build_jmdict),
            ("derivations", variants.build_derivations),
        ):
            table = build()
            data.write(folder / f"{name}.json", table)
            self.stdout.write(self.style.SUCCESS(f"{name}: {len(table)} entries in {folder}"))

    def rebuild(self, name: str, show: bool) -> None:
        total = indexing.searchable_count()
        with self._bar(name, total, show) as bar:
            written = indexing.rebuild_index(name, bar.update)
            bar.update(max(0, written - bar.n))
        self.stdout.write(self.style.SUCCESS(f"{name}: rebuilt, {written} pages indexed."))

    def update(self, name: str, show: bool) -> None:
        changed, _gone = indexing.stale_pages(name)
        with self._bar(name, len(changed), show) as bar:
            written, dropped = indexing.update_index(name, bar.update)
        self.stdout.write(
            self.style.SUCCESS(f"{name}: {written} pages written, {dropped} removed.")
        )

    def status(self, name: str, show: bool) -> None:
        self.stdout.write(self.style.MIGRATE_HEADING(name))
        for key, value in indexing.index_status(name).items():
            self.stdout.write(f"  {key}: {value}")
