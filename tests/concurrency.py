"""Run functions at the same time in real threads, each with its own database connection."""

import threading

import pytest
from django.db import connection, connections


def require_postgresql():
    """SQLite (an in-memory database shared between threads) cannot run concurrent transactions."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrency tests need PostgreSQL (DATABASE_URL=postgres://...)")


def run_together(*functions, timeout=60):
    """Start every function at the same instant; return their results (or the exception each raised)."""
    barrier = threading.Barrier(len(functions))
    results = [None] * len(functions)

    def worker(index, function):
        try:
            barrier.wait(timeout)
            results[index] = function()
        except BaseException as error:  # reported to the test
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
        assert not thread.is_alive(), "a concurrent call did not finish (deadlock?)"
    return results
