"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live_server.

Nothing is installed here: scripts/test.sh installs Chromium (`apt-get install -y chromium`) and
runs `npm ci` for axe-core. Never run `playwright install`: it downloads a browser and fails here.
"""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import connection
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from tests.db_snapshot import (
    SUPPORTED_VENDORS,
    Snapshot,
    database_is_empty,
    snapshot_restore,
    snapshot_take,
)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# The demo curriculum's rows, as the first demo_site of this process (xdist worker) loaded them.
DEMO_SNAPSHOTS: dict[str, Snapshot] = {}
AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Browser tests run last, after every other test has used the migrated database.

    pytest-django puts transactional tests last, but pytest then groups the tests that
    pytest-playwright parametrizes with "browser_name", and that can pull ours forward.
    """
    items.sort(key=lambda item: item.get_closest_marker("e2e") is not None)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    assert CHROMIUM.exists(), (
        f"{CHROMIUM} is missing: run `apt-get install -y chromium` (scripts/test.sh does)"
    )
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def axe_js() -> Path:
    assert AXE_JS.exists(), f"{AXE_JS} is missing: run `npm ci` (scripts/test.sh does)"
    return AXE_JS


def ensure_wagtail_roots() -> None:
    """Wagtail's locale, root page and root collection, as its migrations create them.

    Transactional tests end by emptying every table, migration data included. (Serialized
    rollback cannot put it back: deserializing Wagtail's workflow tasks creates content types.)
    """
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    if not Page.objects.exists():
        locale, _ = Locale.objects.get_or_create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))


@pytest.fixture
def demo_site(live_server, transactional_db):
    """The demo curriculum, served by live_server as the default Wagtail site.

    Mark tests `django_db(transaction=True)`: the server thread only sees committed rows.
    """
    from demo.loader import demo_load

    # Only an empty database is known to end, after the load, as the snapshot does.
    empty = connection.vendor in SUPPORTED_VENDORS and database_is_empty(connection.alias)
    if empty and connection.alias in DEMO_SNAPSHOTS:
        snapshot_restore(connection.alias, DEMO_SNAPSHOTS[connection.alias])
    else:
        ensure_wagtail_roots()
        demo_load()
        if empty:
            DEMO_SNAPSHOTS[connection.alias] = snapshot_take(connection.alias)
    address = urlsplit(live_server.url)
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = address.hostname, address.port
    site.save()
    return site


@pytest.fixture(scope="session", autouse=True)
def _wagtail_roots_after_e2e(django_db_setup, django_db_blocker):
    """Leave a reused database (--reuse-db on PostgreSQL) with Wagtail's roots for the next run."""
    yield
    with django_db_blocker.unblock():
        ensure_wagtail_roots()


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """axe-core is injected as an inline script, which the site's Content-Security-Policy
    refuses; test_content_security_policy.py opens its own context that keeps the policy."""
    return {**browser_context_args, "bypass_csp": True}
