"""index.ingest: incremental and idempotent ingests, archives, pages, dry runs, repair on open."""

from __future__ import annotations

import json
import shutil
import tarfile
import zipfile
from pathlib import Path

import pytest
from snapshots import snapshot

from index import load
from index.ingest import ingest
from index.sources import Sources
from index.store import IndexWriter
from rag.settings import Settings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"


@pytest.fixture
def corpus(tmp_path) -> Path:
    shutil.copytree(FIXTURES, tmp_path / "corpus")
    return tmp_path / "corpus"


@pytest.fixture
def s(tmp_path) -> Settings:
    return Settings(home=tmp_path / "home", model="hash", progress=False)


def test_every_fixture_format_ingests_and_reingest_parses_nothing(corpus, s, monkeypatch):
    first = ingest([corpus], s)
    assert not first.failed and len(first.added) == 8 and first.turns_added == 35
    assert first.turns_per_second > 0 and first.seconds > 0
    state = snapshot(s.home)

    def no_parsing(*args, **kwargs):
        raise AssertionError("an unchanged file was parsed")

    monkeypatch.setattr("index.plan.load_source", no_parsing)
    again = ingest([corpus], s)
    assert not again.added and not again.replaced and not again.failed
    assert len(again.skipped) == 8 and {why for _, why in again.skipped} == {"unchanged"}
    assert snapshot(s.home) == state


@pytest.fixture
def encoded(monkeypatch) -> list[int]:
    """Texts encoded so far by the writer, after each batch it writes."""
    counts: list[int] = []
    original = IndexWriter.write_many

    def spy(self, records, *args):
        result = original(self, records, *args)
        counts.append(self.encoded)
        return result

    monkeypatch.setattr(IndexWriter, "write_many", spy)
    return counts


def test_changed_file_is_replaced_and_only_new_text_is_embedded(corpus, s, encoded):
    ingest([corpus], s)
    path = corpus / "json" / "turns.json"
    path.write_text(path.read_text().replace("40 million", "41 million"))
    encoded.clear()  # count the second ingest only
    report = ingest([corpus], s)
    assert [b for b, _ in report.replaced] == ["example-harbour-2022-04-05-f2de69"]
    assert len(report.skipped) == 7 and encoded == [1]  # the one edited sentence


def test_a_new_chunking_rechunks_unchanged_files_reusing_their_vectors(corpus, s, encoded,
                                                                       monkeypatch):
    ingest([corpus], s)
    monkeypatch.setattr("index.plan.CHUNKING", "next")  # an upgrade that chunks differently
    encoded.clear()  # count the second ingest only
    report = ingest([corpus], s)
    assert len(report.replaced) == 8 and not report.added and not report.failed
    assert encoded == [0]  # same texts: every vector comes from the store
    clean = Settings(home=s.home.parent / "clean", model="hash", progress=False)
    ingest([corpus], clean)
    assert snapshot(s.home)["chroma"] == snapshot(clean.home)["chroma"]


def test_a_sidecar_change_re_reads_the_file(corpus, s):
    ingest([corpus], s)
    sidecar = corpus / "json" / "ES2099a.speakers.yaml"
    sidecar.write_text("Industrial Designer: official\nProject Manager: official\n")
    report = ingest([corpus / "json"], s)
    assert [b for b, _ in report.replaced] == ["es2099a-" + report.replaced[0][0][8:]]
    assert len(report.skipped) == 2


def test_dry_run_writes_nothing(corpus, s):
    ingest([corpus / "json"], s)
    state = snapshot(s.home)
    report = ingest([corpus], s, dry_run=True)
    assert len(report.added) == 5 and len(report.skipped) == 3 and not report.replaced
    assert snapshot(s.home) == state


def test_single_pages_are_superseded_by_the_merged_briefing(corpus, s):
    pages = sorted((corpus / "chinaorg").iterdir())
    for page in pages:  # one at a time: three one-page briefings
        ingest([page], s)
    assert IndexWriter(s).counts()["briefings"] == 3
    report = ingest(pages, s)
    # the merged briefing keeps page 1's id (its URL); pages 2 and 3 were briefings of their own
    assert [n for _, n in report.replaced] == [7] and len(report.removed) == 2
    writer = IndexWriter(s)
    assert writer.counts()["briefings"] == 1
    writer.close()
    fresh = Settings(home=s.home.parent / "fresh", model="hash", progress=False)
    ingest(pages, fresh)
    assert snapshot(s.home) == snapshot(fresh.home)


def test_one_changed_page_rebuilds_its_whole_briefing(corpus, s):
    ingest([corpus / "text"], s)
    page = corpus / "text" / "river-briefing-page2.txt"
    page.write_text(page.read_text().replace("Will the dams hold?", "Will the levees hold?"))
    report = ingest([page], s)  # only page 2 given: page 1 is read from where it was found
    assert len(report.replaced) == 1 and report.replaced[0][1] == 6 and not report.added
    fresh = Settings(home=s.home.parent / "fresh", model="hash", progress=False)
    ingest([corpus / "text"], fresh)
    assert snapshot(s.home) == snapshot(fresh.home)


def test_archives_of_folders(corpus, s, tmp_path):
    tgz, archive_zip = tmp_path / "corpus.tar.gz", tmp_path / "corpus.zip"
    with tarfile.open(tgz, "w:gz") as tar:
        tar.add(corpus, arcname="corpus")
    with zipfile.ZipFile(archive_zip, "w") as zf:
        for path in sorted(corpus.rglob("*")):
            zf.write(path, path.relative_to(corpus.parent))
    report = ingest([tgz], s)
    assert not report.failed and len(report.added) == 8
    names = {b.source_path for b in _briefings(s)}
    assert f"{tgz}!corpus/json/turns.json" in names
    assert not ingest([tgz], s).added  # the same ids again: skipped
    other = Settings(home=tmp_path / "zip-home", model="hash", progress=False)
    assert len(ingest([archive_zip], other).added) == 8


def test_archive_members_that_leave_the_archive_are_refused(tmp_path, s):
    evil = tmp_path / "evil.tar.gz"
    good = FIXTURES / "json" / "turns.jsonl"
    with tarfile.open(evil, "w:gz") as tar:
        tar.add(good, arcname="ok/turns.jsonl")
        tar.add(good, arcname="../escaped.txt")
        absolute = tarfile.TarInfo("/abs/path.txt")  # tar.add() would strip the "/"
        absolute.size = good.stat().st_size
        with good.open("rb") as handle:
            tar.addfile(absolute, handle)
        link = tarfile.TarInfo("ok/link.txt")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        tar.addfile(link)
    zipped = tmp_path / "evil.zip"
    with zipfile.ZipFile(zipped, "w") as zf:
        zf.write(good, "../../outside.txt")
    report = ingest([evil, zipped], s)
    assert len(report.added) == 1
    refused = {name.split("!")[1]: why for name, why in report.failed}
    assert set(refused) == {"../escaped.txt", "/abs/path.txt", "ok/link.txt",
                            "../../outside.txt"}
    assert "leaves the archive" in refused["../escaped.txt"]
    assert "link" in refused["ok/link.txt"]
    assert not (tmp_path / "escaped.txt").exists() and not Path("/abs/path.txt").exists()
    assert not (tmp_path.parent / "outside.txt").exists()


def test_archive_temp_folder_is_removed(tmp_path):
    tgz = tmp_path / "x.tar.gz"
    with tarfile.open(tgz, "w:gz") as tar:
        tar.add(FIXTURES / "markdown", arcname="md")
    with Sources([tgz]) as sources:
        temp = sources.files[0].path
        assert temp.exists()
    assert not temp.exists()
    bad = tmp_path / "broken.tar.gz"
    bad.write_bytes(tgz.read_bytes()[:40])
    with Sources([bad]) as sources:
        assert len(sources.failed) == 1 and "cannot read archive" in sources.failed[0][1]


def test_parser_version_change_replaces_without_re_embedding(corpus, s, monkeypatch):
    ingest([corpus], s)
    state = snapshot(s.home)
    monkeypatch.setattr(load, "PARSER_VERSION", load.PARSER_VERSION + 1)
    writers = []
    original = IndexWriter.close

    def remember(self):
        writers.append(self.encoded)
        original(self)

    monkeypatch.setattr(IndexWriter, "close", remember)
    report = ingest([corpus], s)
    assert len(report.replaced) == 8 and writers == [0]  # every vector reused
    new = snapshot(s.home)
    assert new["chroma"] == state["chroma"] and new["bm25"] == state["bm25"]


def _briefings(s: Settings):
    from rag.store import IndexReader

    return IndexReader(s).briefings.values()


# --- repair on open ------------------------------------------------------------------------


def test_repair_removes_orphans_restores_missing_and_rebuilds_bm25(corpus, s):
    ingest([corpus], s)
    state = snapshot(s.home)
    writer = IndexWriter(s)
    ids = sorted(state["chroma"])
    vector = [0.1] * 384
    writer.chroma.collection.upsert(ids=["ghost:0000:text00"], embeddings=[vector],
                                    documents=["ghost"], metadatas=[{"briefing_id": "ghost"}])
    writer.chroma.collection.delete(ids=ids[:3])
    writer.close()
    (s.bm25_dir / "ids.json").write_text(json.dumps(ids[:5]))
    (s.bm25_dir / "state.json").write_text("{}")
    writer = IndexWriter(s)
    assert writer.repaired == {"resynced": 2, "bm25": 1}
    writer.close()
    assert snapshot(s.home) == state
    writer = IndexWriter(s)
    assert writer.repaired == {}  # nothing left to do
    writer.close()


def test_an_index_from_the_previous_version_is_upgraded_in_place(corpus, s):
    import sqlite3

    from index.speakers import set_role

    ingest([corpus / "text"], s)
    state = snapshot(s.home)
    db = sqlite3.connect(s.db_path)  # make it look like the first release's store
    with db:
        for table, column in [("briefings", "fingerprint"), ("briefings", "roster"),
                              ("turns", "role_hint"), ("chunks", "vector")]:
            db.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
        for table in ("sources", "pending", "role_overrides", "state"):
            db.execute(f"DROP TABLE {table}")
    db.close()
    (s.bm25_dir / "state.json").unlink()
    report = ingest([corpus / "text"], s)
    assert not report.added and not report.replaced and len(report.skipped) == 2
    assert report.repaired == {"bm25": 1}  # built again once, from the store
    upgraded = snapshot(s.home)
    assert upgraded["chroma"] == state["chroma"] and upgraded["bm25"] == state["bm25"]
    assert [r[:3] for r in upgraded["rows"]["turns"]] == [r[:3] for r in state["rows"]["turns"]]
    change = set_role("Li Qing", "official", s)  # roles re-decided from the stored ones
    assert change.turns == 2 and change.embedded == 4
    again = ingest([corpus / "text"], s)
    assert not again.replaced and not again.added  # fingerprints were remembered
