import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def _run(args, **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(env, DJANGO_SETTINGS_MODULE="incommon_cms.settings.production")
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def test_production_refuses_to_start_without_secret_key():
    result = _run(["check"], ALLOWED_HOSTS="incommon.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set in production" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = _run(["check"], SECRET_KEY="x" * 60)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set in production" in result.stderr


def test_check_deploy_is_clean():
    result = _run(
        ["check", "--deploy", "--fail-level", "WARNING"],
        SECRET_KEY="k3y-" + "q8Zr!pW2xY7vN4mB9cT6sL1dF5gH0jK3" * 2,
        ALLOWED_HOSTS="incommon.example.org",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


def test_middleware_is_declared_once_in_its_order():
    """Every environment runs the same middleware, in base.py's order (dev/production/test only change values)."""
    assert settings.MIDDLEWARE == [
        "django.middleware.security.SecurityMiddleware",
        "incommon_cms.core.csp.ContentSecurityPolicyMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.locale.LocaleMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
        "allauth.account.middleware.AccountMiddleware",
        "wagtail.contrib.redirects.middleware.RedirectMiddleware",
        "incommon_cms.ecosystem.counting.InboundLinkMiddleware",
        "incommon_cms.core.pagecache.PageCacheMiddleware",
    ]


def test_production_runs_the_same_middleware_and_apps_as_tests():
    result = _run(
        [
            "shell",
            "-c",
            "import json; from django.conf import settings as s; print(json.dumps([s.MIDDLEWARE, s.INSTALLED_APPS]))",
        ],
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="incommon.example.org",
    )
    assert result.returncode == 0, result.stderr
    middleware, apps = json.loads(result.stdout.strip().splitlines()[-1])
    assert middleware == settings.MIDDLEWARE
    assert apps == settings.INSTALLED_APPS
