"""Ingest real files from ../shared: MFA pages with their index.jsonl, the SCIO seed page,
White House Markdown (files and members of the scale archive) and a QMSum meeting.

Skipped with a reason when ../shared is absent (a fresh clone); CI always has it."""

from __future__ import annotations

import json
import shutil
import tarfile
from pathlib import Path

import pytest
from snapshots import snapshot

from index.ingest import ingest
from index.load import load_file
from index.sources import Sources
from rag.settings import Settings
from rag.store import IndexReader

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CORPUS = SHARED / "corpus"
ARCHIVE = CORPUS / "whitehouse" / "press-briefings-2021-2025.tar.gz"
QMSUM = SHARED / "eval" / "qmsum" / "data" / "ALL" / "val" / "Bed002.json"

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not CORPUS.is_dir(), reason=f"{CORPUS} is absent: these tests read the "
                       "../shared corpus (CI always has it)"),
]


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> tuple[Settings, list[Path], object]:
    """Three MFA pages with index.jsonl, the seed page, three White House files, five members
    of the scale archive (as a .tar.gz) and a QMSum meeting, ingested with the hash model."""
    folder = tmp_path_factory.mktemp("shared")
    mfa = folder / "mfa"
    (mfa / "html").mkdir(parents=True)
    pages = ["2020-06-24_t1792107.html", "2018-05-11_t1558711.html", "2019-03-18_t1646384.html"]
    for page in pages:
        shutil.copy(CORPUS / "mfa" / "html" / page, mfa / "html" / page)
    shutil.copy(CORPUS / "mfa" / "index.jsonl", mfa / "index.jsonl")
    wh = sorted((CORPUS / "whitehouse" / "sample").rglob("*.md"))[:3]
    slice_ = folder / "slice.tar.gz"
    with tarfile.open(ARCHIVE) as big, tarfile.open(slice_, "w:gz") as small:
        members = sorted((m for m in big.getmembers() if m.name.endswith(".md")),
                         key=lambda m: m.name)[-5:]
        for member in members:
            small.addfile(member, big.extractfile(member))
    paths = [mfa, CORPUS / "seed", *wh, slice_, QMSUM]
    settings = Settings(home=folder / "home", model="hash", progress=False)
    return settings, paths, ingest(paths, settings)


def test_every_kind_of_shared_file_ingests(mixed):
    settings, _, report = mixed
    assert not report.failed
    assert len(report.added) == 3 + 1 + 3 + 5 + 1
    formats = {b.format for b in IndexReader(settings).briefings.values()}
    assert formats == {"html", "text", "markdown", "qmsum"}


def test_stored_turns_are_what_the_loader_reads(mixed):
    settings, _, _ = mixed
    reader = IndexReader(settings)
    seed = CORPUS / "seed" / "scio-2021-06-07-human-rights-action-plan-page9.txt"
    by_path = {b.source_path: b for b in reader.briefings.values()}
    stored = reader.turns(by_path[str(seed)].id)
    assert [t.text for t in stored] == [t.text for t in load_file(seed).turns]
    assert [t.page for t in stored] == [9] * 5
    mfa = next(b for b in reader.briefings.values() if b.id.startswith("fmprc-t1792107"))
    assert mfa.date == "2020-06-24" and mfa.source_url.endswith("t1792107.shtml")
    assert any(t.speaker == "CRI" and t.role == "journalist" for t in reader.turns(mfa.id))


def test_archive_members_and_qmsum(mixed):
    settings, paths, _ = mixed
    reader = IndexReader(settings)
    members = [b for b in reader.briefings.values() if "!" in b.source_path]
    assert len(members) == 5 and all(b.source_path.startswith(str(paths[-2])) for b in members)
    assert all(b.date and b.source_url for b in members)
    meeting = next(b for b in reader.briefings.values() if b.format == "qmsum")
    raw = json.loads(QMSUM.read_text())["meeting_transcripts"]
    turns = reader.turns(meeting.id)
    assert len(turns) == sum(1 for r in raw if _spoken(r["content"]))
    assert "{vocalsound}" not in " ".join(t.text for t in turns)


def _spoken(content: str) -> bool:
    import re

    return bool(" ".join(re.sub(r"\{[a-z_]+\}", " ", content).split()))


def test_reingest_of_shared_files_changes_nothing(mixed):
    settings, paths, _ = mixed
    before = snapshot(settings.home)
    again = ingest(paths, settings)
    assert not again.added and not again.replaced and not again.failed
    assert len(again.skipped) == 13
    assert snapshot(settings.home) == before


def test_the_scale_archive_is_read_member_by_member():
    with Sources([ARCHIVE]) as sources:
        assert not sources.failed
        assert len(sources.files) == 1154
        assert all(f.name.startswith(f"{ARCHIVE}!press-briefings/") for f in sources.files)
