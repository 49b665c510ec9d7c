"""Several processes writing to one index directory: every write lands and the index stays readable."""

import multiprocessing

from incommon_cms.search.analysis import INDEX_LANGUAGES
from incommon_cms.search.backends.whoosh import IndexStore

DOCS_PER_WRITER = 40


def _write_documents(path, writer_id, count):
    # A fresh process: its own IndexStore, its own file handles, competing for the same lock.
    store = IndexStore(path)
    for i in range(count):
        key = f"tests.doc:{writer_id}-{i}"
        document = {"key": key, "pk": key, "content_types": "tests.doc", "t__all": f"moestuin potager {writer_id}"}
        store.write({language: [("update", document)] for language in INDEX_LANGUAGES})


def test_concurrent_writers_do_not_corrupt_the_index(tmp_path):
    path = tmp_path / "index"
    IndexStore(path).ensure()
    context = multiprocessing.get_context("spawn")
    others = [context.Process(target=_write_documents, args=(path, n, DOCS_PER_WRITER)) for n in (1, 2)]
    for process in others:
        process.start()
    _write_documents(path, 0, DOCS_PER_WRITER)  # this process writes at the same time
    for process in others:
        process.join(120)
        assert process.exitcode == 0

    store = IndexStore(path)
    for language in INDEX_LANGUAGES:
        with store.searcher(language) as searcher:
            keys = {doc["key"] for doc in searcher.documents()}
            assert len(keys) == 3 * DOCS_PER_WRITER
            assert searcher.doc_count() == 3 * DOCS_PER_WRITER
    # Updating an existing document replaces it rather than adding a copy.
    _write_documents(path, 0, 5)
    with IndexStore(path).searcher("fr") as searcher:
        assert searcher.doc_count() == 3 * DOCS_PER_WRITER
