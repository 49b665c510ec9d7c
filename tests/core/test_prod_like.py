"""`deploy/run-prod-like` starts the production stack (production settings, PostgreSQL, Redis, gunicorn with two
workers, collected static files, the tasks worker); this test drives it end to end and stops it."""

import hashlib
import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg
import pytest
import redis
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
REDIS_URL = "redis://127.0.0.1:6379/3"


def _reachable():
    try:
        psycopg.connect(f"{PG_SERVER}/postgres", connect_timeout=3).close()
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except Exception:
        return False
    return True


pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not _reachable(), reason="needs PostgreSQL and Redis on 127.0.0.1"),
]


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url, timeout=30):
    request = urllib.request.Request(url, headers={"Host": "localhost", "Accept-Language": "fr"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture
def prod_like(tmp_path):
    # One database and static directory per checkout and test run kind (the SQLite and PostgreSQL runs of
    # `make test` run side by side); kept between runs so that migrate and collectstatic have little to do.
    run_kind = hashlib.sha256(f"{BASE_DIR}:{os.environ.get('DATABASE_URL', '')}".encode()).hexdigest()[:8]
    var_dir = BASE_DIR / "var" / f"prod-like-test-{run_kind}"
    port = _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}},
        "PG_SERVER": PG_SERVER,
        "PROD_LIKE_DB": f"incommon_prodlike_test_{run_kind}",
        "REDIS_URL": REDIS_URL,
        "INCOMMON_VAR_DIR": str(var_dir),
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    log_path = tmp_path / "server.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [str(BASE_DIR / "deploy" / "run-prod-like"), "--port", str(port)],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while True:
        if process.poll() is not None:
            pytest.fail(f"the stack stopped during start-up:\n{log_path.read_text()[-4000:]}")
        try:
            if _get(f"{base}/healthz", timeout=5)[0] == 200:
                break
        except OSError:
            pass
        if time.monotonic() > deadline:
            os.killpg(process.pid, signal.SIGKILL)
            pytest.fail(f"the stack did not answer within 300 s:\n{log_path.read_text()[-4000:]}")
        time.sleep(1)
    try:
        yield {"base": base, "process": process, "env": env, "log": log_path}
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def test_run_prod_like_serves_pages_static_files_cache_and_tasks(prod_like):
    base, env = prod_like["base"], prod_like["env"]

    status, headers, body = _get(f"{base}/healthz")
    assert (status, body) == (200, b'{"status": "ok"}')

    # The home page, rendered by gunicorn under the production settings (no debug page on errors).
    status, headers, body = _get(f"{base}/fr/")
    html = body.decode()
    assert status == 200, html[:500]
    assert '<html lang="fr"' in html

    # Static files are collected with hashed names and served by WhiteNoise with a long cache lifetime.
    static_urls = re.findall(r'(?:href|src)="(/static/[^"]+)"', html)
    hashed = [url for url in static_urls if re.search(r"\.[0-9a-f]{12}\.(css|js)$", url)]
    assert hashed, static_urls
    status, headers, body = _get(base + hashed[0])
    assert status == 200 and body
    assert "max-age=315360000" in headers["Cache-Control"]

    # A missing page is the site's 404 page, not Django's debug page.
    status, headers, body = _get(f"{base}/fr/there-is-no-such-page/")
    assert status == 404
    assert b"Page not found at" not in body

    # The GeoJSON feed is cached in Redis.
    status, headers, body = _get(f"{base}/geo/profiles.geojson")
    assert status == 200 and b'"FeatureCollection"' in body
    keys = list(redis.Redis.from_url(REDIS_URL).scan_iter("incommon:*directory:geojson:*"))
    assert keys

    # A task queued from the command line is run by the worker.
    queued = subprocess.run(
        [str(BASE_DIR / ".venv" / "bin" / "python"), "manage.py", "sync_sources", "--due", "--enqueue"],
        cwd=BASE_DIR,
        env={
            **env,
            "DJANGO_SETTINGS_MODULE": "incommon_cms.settings.production",
            "SECRET_KEY": "prod-like-test",
            "ALLOWED_HOSTS": "localhost",
            "DATABASE_URL": f"{PG_SERVER}/{env['PROD_LIKE_DB']}",
        },
        capture_output=True,
        text=True,
        check=True,
    )
    task_id = re.search(r"queued (\S+)", queued.stdout).group(1)
    with psycopg.connect(f"{PG_SERVER}/{env['PROD_LIKE_DB']}", autocommit=True) as conn:
        deadline = time.monotonic() + 60
        while True:
            row = conn.execute("SELECT status FROM django_tasks_database_dbtaskresult WHERE id = %s", [task_id])
            status = row.fetchone()[0]
            if status in {"SUCCESSFUL", "FAILED"} or time.monotonic() > deadline:
                break
            time.sleep(0.5)
    assert status == "SUCCESSFUL"

    # SIGTERM stops gunicorn and the worker with the script.
    process = prod_like["process"]
    os.kill(process.pid, signal.SIGTERM)
    assert process.wait(30) == 0 or process.returncode in (-signal.SIGTERM, 143)
    time.sleep(1)
    with pytest.raises(ProcessLookupError):
        os.killpg(process.pid, 0)
    with pytest.raises(OSError):
        _get(f"{base}/healthz", timeout=3)
