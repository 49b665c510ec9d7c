"""Records from a SELECT query on a MySQL/MariaDB (PyMySQL) or PostgreSQL (psycopg) database, read-only."""

from datetime import date, datetime, time
from decimal import Decimal
from urllib.parse import unquote, urlsplit

from django.utils.translation import gettext as _

TIMEOUT = 20


def plain(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).decode("utf-8", errors="replace")
    return value


def read(database_url, query):
    parts = urlsplit(database_url)
    scheme = parts.scheme.split("+")[0]
    options = {
        "host": parts.hostname or "127.0.0.1",
        "user": unquote(parts.username or ""),
        "password": unquote(parts.password or ""),
        "database": parts.path.lstrip("/"),
    }
    try:
        if scheme in ("mysql", "mariadb"):
            rows = _read_mysql(options, parts.port or 3306, query)
        elif scheme in ("postgres", "postgresql"):
            rows = _read_postgres(options, parts.port or 5432, query)
        else:
            raise ValueError(_("Unsupported database: %(scheme)s") % {"scheme": scheme})
    except ValueError:
        raise
    except Exception as error:  # every driver error becomes a readable report line
        raise ValueError(_("The database could not be read: %(error)s") % {"error": error}) from error
    return [{key: plain(value) for key, value in row.items()} for row in rows]


def _read_mysql(options, port, query):
    import pymysql
    import pymysql.cursors

    connection = pymysql.connect(
        port=port, charset="utf8mb4", connect_timeout=TIMEOUT, cursorclass=pymysql.cursors.DictCursor, **options
    )
    try:
        with connection.cursor() as cursor:
            cursor.execute("SET SESSION TRANSACTION READ ONLY")
            cursor.execute("START TRANSACTION")
            cursor.execute(query)
            rows = list(cursor.fetchall())
        connection.rollback()
        return rows
    finally:
        connection.close()


def _read_postgres(options, port, query):
    import psycopg
    from psycopg.rows import dict_row

    options["dbname"] = options.pop("database")
    with psycopg.connect(port=port, connect_timeout=TIMEOUT, row_factory=dict_row, **options) as connection:
        connection.read_only = True
        with connection.cursor() as cursor:
            cursor.execute(query)
            return list(cursor.fetchall())
