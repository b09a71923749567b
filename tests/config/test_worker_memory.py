"""What a web worker loads: WeasyPrint (50 MB of memory per worker) only once a PDF is made;
and the site's resolver with its memo (cms/resolve_memo.py), installed when the apps start.

A gunicorn worker imports the WSGI application and the URLconf before its first request;
certificate PDFs are made by the task worker, and the few PDFs a web request makes import
certificates.pdf when they need it. Issue 19 holds peak RSS per worker under 200 MB.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

LOADS_LIKE_A_WORKER = """
import json, sys
from config.wsgi import application
from django.urls import get_resolver
get_resolver().url_patterns  # the URLconf and every view module it names
loaded = {name: name in sys.modules for name in ("weasyprint", "certificates.pdf")}
print(json.dumps(loaded | {"memo": getattr(get_resolver(), "_memo_installed", False)}))
"""


def test_a_web_worker_starts_without_weasyprint_and_with_the_resolver_memo():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    done = subprocess.run(  # noqa: S603  (our own interpreter and code)
        [sys.executable, "-c", LOADS_LIKE_A_WORKER],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert loaded == {"weasyprint": False, "certificates.pdf": False, "memo": True}
