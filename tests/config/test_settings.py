"""Each settings module loads in a fresh interpreter with the environment an operator gives it."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k" * 10 + "Zy0-9xQ!vT#pL2mW@rB4sN6^cF8&hJ*dG(eK)uY_aS+oI=" * 2


def load(module: str, **env: str) -> dict:
    """Import a settings module in a subprocess and return a few values as JSON."""
    script = (
        "import json, importlib;"
        f"s = importlib.import_module({module!r});"
        "print(json.dumps({'debug': s.DEBUG, 'engine': s.DATABASES['default']['ENGINE'],"
        " 'db_name': str(s.DATABASES['default']['NAME']), 'cache': s.CACHES['default']['BACKEND'],"
        " 'hosts': s.ALLOWED_HOSTS, 'search': s.WAGTAILSEARCH_BACKENDS['default']['BACKEND'],"
        " 'media': str(s.MEDIA_ROOT), 'max_upload': s.KYOZAI_MAX_UPLOAD_BYTES,"
        " 'page_cache': s.KYOZAI_PAGE_CACHE_SECONDS, 'answers': s.KYOZAI_SEARCH_CACHE_SECONDS,"
        " 'cache_options': s.CACHES['default'].get('OPTIONS', {}),"
        " 'search_backends': sorted(s.WAGTAILSEARCH_BACKENDS),"
        " 'mail': s.KYOZAI_EMAIL_DELIVERY_BACKEND,"
        " 'mail_server': [getattr(s, name, None) for name in ('EMAIL_HOST', 'EMAIL_PORT',"
        " 'EMAIL_HOST_USER', 'EMAIL_HOST_PASSWORD', 'EMAIL_USE_TLS', 'EMAIL_USE_SSL')]}))"
    )
    clean = {k: v for k, v in os.environ.items() if k not in _OURS}
    result = subprocess.run(  # noqa: S603 - our own interpreter and module names
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise RuntimeError(result.stderr.strip().splitlines()[-1])
    return json.loads(result.stdout)


_OURS = {
    "DATABASE_URL",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "ELASTICSEARCH_URL",
    "REDIS_URL",
    "MEDIA_ROOT",
    "DEBUG",
    "MAX_UPLOAD_MB",
    "PAGE_CACHE_SECONDS",
    "SEARCH_CACHE_SECONDS",
    "DJANGO_SETTINGS_MODULE",
    "EMAIL_URL",
    "REDIS_TIMEOUT_MS",
    "REDIS_COOLDOWN_SECONDS",
    "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by the browser tests; check --deploy warns about it
}


def test_dev_defaults_to_sqlite_locmem_and_database_search():
    values = load("config.settings.dev")
    assert values["debug"] is True
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["db_name"].endswith("db.sqlite3")
    assert values["cache"].endswith("LocMemCache")
    assert values["search"] == "wagtail.search.backends.database"
    assert values["max_upload"] == 20 * 1024 * 1024


def test_environment_variables_are_honoured():
    values = load(
        "config.settings.dev",
        DATABASE_URL="postgres://kyozai@db.example:5432/kyozai",
        REDIS_URL="redis://127.0.0.1:6379/1",
        ELASTICSEARCH_URL="http://127.0.0.1:9200",
        ALLOWED_HOSTS="kyozai.example.org, www.kyozai.example.org",
        MEDIA_ROOT="/srv/kyozai-media",
        MAX_UPLOAD_MB="5",
    )
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["cache"].endswith("RedisCache")
    # Wagtail's Elasticsearch backend, answered by the database when the cluster is down.
    assert values["search"] == "config.wagtail_search"
    assert values["hosts"] == ["kyozai.example.org", "www.kyozai.example.org"]
    assert values["media"] == "/srv/kyozai-media"
    assert values["max_upload"] == 5 * 1024 * 1024


def test_a_bad_number_is_a_clear_configuration_error():
    with pytest.raises(RuntimeError, match="MAX_UPLOAD_MB must be a whole number"):
        load("config.settings.dev", MAX_UPLOAD_MB="twenty")


def test_test_settings_use_memory_sqlite_unless_told_otherwise():
    assert load("config.settings.test")["db_name"] == ":memory:"
    values = load("config.settings.test", DATABASE_URL="postgres://postgres@127.0.0.1/kyozai")
    assert values["engine"] == "django.db.backends.postgresql"


def test_production_refuses_to_start_without_a_secret_key():
    with pytest.raises(RuntimeError, match="SECRET_KEY must be set"):
        load("config.settings.production")


def test_production_caches_pages_and_answers_only_with_a_shared_cache():
    """Several gunicorn workers with private memory caches could not all be emptied by a
    publish, so production caches pages and search answers only with Redis."""
    alone = load("config.settings.production", SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="k.org")
    assert (alone["page_cache"], alone["answers"]) == (0, 0)
    shared = load(
        "config.settings.production",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="k.org",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert shared["cache"].endswith("RedisCache")
    assert (shared["page_cache"], shared["answers"]) == (600, 300)


def test_production_is_not_debug():
    values = load("config.settings.production", SECRET_KEY=STRONG_KEY, DEBUG="true")
    assert values["debug"] is False


def check_deploy(tmp_path, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in _OURS}
    clean.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="kyozai.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        **env,
    )
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_passes_check_deploy_with_real_values(tmp_path):
    result = check_deploy(tmp_path, EMAIL_URL="smtp://kyozai:secret@mail.example.org:587")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_without_email_url_prints_mail_and_check_deploy_says_so(tmp_path):
    """It used to try SMTP on localhost, failing unseen, while the README said mail is
    printed. Now the README is true, and the deploy check tells the operator."""
    values = load("config.settings.production", SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="k.org")
    assert values["mail"] == "django.core.mail.backends.console.EmailBackend"

    result = check_deploy(tmp_path)
    assert result.returncode == 1
    assert "kyozai.W001" in result.stderr
    assert "EMAIL_URL is not set" in result.stderr


def test_email_url_sends_by_smtp_with_starttls_or_tls():
    starttls = load(
        "config.settings.production",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="k.org",
        EMAIL_URL="smtp://kyozai%40example.org:p%40ss@mail.example.org",
    )
    assert starttls["mail"] == "django.core.mail.backends.smtp.EmailBackend"
    assert starttls["mail_server"] == [
        "mail.example.org",
        587,
        "kyozai@example.org",
        "p@ss",
        True,
        False,
    ]
    tls = load("config.settings.dev", EMAIL_URL="smtps://u:p@mail.example.org:2465")
    assert tls["mail_server"][1] == 2465
    assert tls["mail_server"][4:] == [False, True]


def test_an_email_url_that_is_not_smtp_is_refused_at_start_up():
    with pytest.raises(RuntimeError, match="EMAIL_URL must look like smtp://"):
        load("config.settings.production", SECRET_KEY=STRONG_KEY, EMAIL_URL="mail.example.org")


def test_redis_is_used_with_short_timeouts_and_the_outage_breaker():
    values = load(
        "config.settings.production",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="k.org",
        REDIS_URL="redis://127.0.0.1:6379/0",
        REDIS_COOLDOWN_SECONDS="10",
    )
    assert values["cache"] == "config.cache.ResilientRedisCache"
    assert values["cache_options"] == {
        "socket_connect_timeout": 0.25,
        "socket_timeout": 0.25,
        "OUTAGE_COOLDOWN": 10,
    }


def test_with_elasticsearch_the_database_index_is_kept_for_wagtail_search_to_fall_back_on():
    values = load("config.settings.dev", ELASTICSEARCH_URL="http://127.0.0.1:9200")
    assert values["search_backends"] == ["database", "default"]
    assert load("config.settings.dev")["search_backends"] == ["default"]
