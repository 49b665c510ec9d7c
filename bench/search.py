"""Search latency over 30,000 documents in the Whoosh indexes: prints p50/p95 (figures, not a test).

Usage: python bench/search.py [--documents 30000] [--queries 200]
Documents are synthetic bilingual profiles written through the backend's IndexStore (the same lock, schema and
analysers as the site); each query searches the fr and nl indexes as Wagtail's `search()` does for pages.
"""

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from whoosh import query as wq

from incommon_cms.search.analysis import INDEX_LANGUAGES, analyse
from incommon_cms.search.backends.whoosh import ALL_TEXT, IndexStore

WORDS = {
    "fr": [
        "potager",
        "énergie",
        "formation",
        "vélo",
        "coopérative",
        "atelier",
        "quartier",
        "compost",
        "solaire",
        "cuisine",
        "réparation",
        "logement",
        "jardin",
        "école",
        "épicerie",
        "vrac",
        "solidarité",
        "citoyen",
        "habitants",
        "mobilité",
        "culture",
        "santé",
    ],
    "nl": [
        "moestuin",
        "energie",
        "opleiding",
        "fiets",
        "coöperatie",
        "werkplaats",
        "buurt",
        "compost",
        "zonnepanelen",
        "keuken",
        "herstel",
        "wonen",
        "tuin",
        "school",
        "kruidenier",
        "solidariteit",
        "burger",
        "bewoners",
        "mobiliteit",
        "cultuur",
        "gezondheid",
    ],
}
QUERIES = {
    "fr": ["potager", "energie", "formation vélo", "atelier réparation", "jardin quartier", "coopérative solaire"],
    "nl": ["moestuin", "energie", "fiets opleiding", "herstel werkplaats", "tuin buurt", "zonnepanelen"],
}


def vocabulary(rng, size=8000):
    """Invented words with a Zipf-like frequency, plus the domain words (as in real descriptions)."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = ["".join(rng.choice(letters) for _ in range(rng.randint(4, 10))) for _ in range(size)]
    weights = [1 / (rank + 1) for rank in range(size)]
    return words, weights


def build(store, documents, rng):
    words, weights = vocabulary(rng)
    batch = {language: [] for language in INDEX_LANGUAGES}
    for n in range(documents):
        language = "fr" if n % 2 else "nl"
        text = " ".join(rng.choices(words, weights, k=50) + rng.sample(WORDS[language], 3))
        batch[language].append(
            ("update", {"key": f"bench:{n}", "pk": str(n), "content_types": "bench.doc", ALL_TEXT: text})
        )
        if n % 2000 == 1999:
            store.write(batch)
            batch = {language: [] for language in INDEX_LANGUAGES}
    store.write(batch)


def run(store, count, rng):
    timings = []
    for _ in range(count):
        text = rng.choice(QUERIES[rng.choice(["fr", "nl"])])
        started = time.perf_counter()
        for index_language in ("fr", "nl"):
            q = wq.And([wq.Term(ALL_TEXT, term) for term in analyse(text, index_language)])
            with store.searcher(index_language) as searcher:
                results = searcher.search(q, filter=wq.Term("content_types", "bench.doc"), limit=20)
                len(results)
                [hit["pk"] for hit in results]
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=30_000)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    rng = random.Random(42)
    with tempfile.TemporaryDirectory() as directory:
        store = IndexStore(Path(directory))
        started = time.perf_counter()
        build(store, args.documents, rng)
        print(f"indexed {args.documents} documents in {time.perf_counter() - started:.1f} s")
        run(store, 10, rng)
        timings = sorted(run(store, args.queries, rng))
        p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
        print(f"search latency over {args.queries} queries: p50 {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms")


if __name__ == "__main__":
    main()
