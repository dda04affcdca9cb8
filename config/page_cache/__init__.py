"""The full-page cache: anonymous visitors get public pages from Django's cache.

Why: a material page costs a dozen queries (related materials, breadcrumbs, files) and is
the same HTML for every visitor who is not signed in — per-teacher buttons come from the
shelf fragment — so most of the site's traffic can be answered without touching the
database.

What is cached (rules.py): GET responses of Wagtail pages (home, section indexes with their
filters, library pages) and the search page, for visitors who are not signed in and whose
session holds nothing (no messages, no page passwords), when the response is a plain 200
without cookies, without a CSRF token, without `Cache-Control: private/no-store/no-cache`
and without a Vary the key does not cover. Everything under /admin/ (including Wagtail's
preview, which also runs through the middleware as a "dummy" request and is refused for
that too), /accounts/, /lessons/, /share/, /shelf/, /api/ and /documents/ is left alone.

The key (store.py) is the scheme, host, active language (cookie, browser or profile — read
after PreferredLanguageMiddleware), the HX-Request header (the search page answers htmx
with a fragment) and the path with its query string cut down to the parameters the page
reads, sorted and without repeats (query.py): a parameter a page ignores neither makes a new
entry nor changes the page.

Invalidation (signals.py) is by generation: the cache holds one "generation" token, every
entry records the token that was current when its request started, and an entry is only
served while the token is unchanged. Publishing, unpublishing, moving or deleting a page,
making a page private or public again (a PageViewRestriction saved or deleted, on the page
or an ancestor), and saving a taxonomy term, document, image or site, replace the token,
so every cached page goes stale at once. That is blunt on purpose: a publish changes
listings, related materials and search results on other pages too, and working out exactly
which pages is where stale-page bugs live. Publishing is rare next to reading, so
refilling is cheap. The token is replaced right away and again after the transaction
commits: the second replacement throws away whatever a concurrent request cached from the
data before the commit. Reading the token and the entry is one `get_many` round trip.

Entries also expire after KYOZAI_PAGE_CACHE_SECONDS (env PAGE_CACHE_SECONDS, default 600;
0 turns the cache off), which bounds what changes without a signal: "most used" ordering
on the search page and "used in class" counts.

With Redis unreachable every cache call is a miss (config/cache.py): pages are served
fresh and nothing is stored until it answers again.

Responses carry `X-Kyozai-Cache: hit`, `miss` (stored now) or `skip` (could have been
cached but was not), for tests and the load benchmark.
"""
