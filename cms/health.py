"""What /healthz checks, each within a short deadline, so a probe never waits on a hung
database: load balancers poll it, and a probe that hangs ties up the worker that answers it."""

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def database_check(alias: str = "default") -> str:
    """ "ok", or "error: <kind>" once the database has not answered within HEALTHZ_DB_TIMEOUT.

    PostgreSQL is probed on a connection of its own with short timeouts: the request's shared
    connection carries the site's longer ones and may be the one stuck in a partition.
    """
    connection = connections[alias]
    try:
        if connection.vendor != "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
            return "ok"
        timeout = settings.HEALTHZ_DB_TIMEOUT
        params = connection.get_connection_params()
        params["connect_timeout"] = timeout
        params["options"] = f"-c statement_timeout={timeout * 1000}"
        probe = connection.Database.connect(**params)
        try:
            probe.execute("SELECT 1").fetchone()
        finally:
            probe.close()
    except (DatabaseError, connection.Database.Error) as exc:
        return f"error: {exc.__class__.__name__}"
    return "ok"


def cache_check() -> str:
    try:
        cache.set("healthz", "1", 5)
        return "ok" if cache.get("healthz") == "1" else "error: no read-back"
    except Exception as exc:  # a cache outage is reported, never raised
        return f"error: {exc.__class__.__name__}"


def health() -> dict:
    checks = {"database": database_check(), "cache": cache_check()}
    healthy = all(value == "ok" for value in checks.values())
    return {"status": "ok" if healthy else "unavailable", **checks}


@never_cache
@require_GET
def healthz(request):
    """200 when the database and cache answer, 503 when one does not; load balancers poll it."""
    result = health()
    return JsonResponse(result, status=200 if result["status"] == "ok" else 503)


class HealthzMiddleware:
    """Answers /healthz before any other middleware: the site middleware reads the database
    on a cold cache, with the site's connect timeout, before a view would run."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/healthz" and request.method in ("GET", "HEAD"):
            return healthz(request)
        return self.get_response(request)
