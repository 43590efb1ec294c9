"""`podium speakers`: listing, and --set-role re-labelling stored turns without re-embedding
what did not change — ending exactly where a clean ingest with that role would."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from snapshots import snapshot

from index.ingest import ingest
from index.speakers import list_speakers, set_role
from rag.settings import Settings
from ui.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
TEXT = FIXTURES / "text"


def settings(home: Path) -> Settings:
    return Settings(home=home, model="hash", progress=False)


def build(home: Path, rules: dict[str, str] | None = None) -> Settings:
    """Ingest the text fixtures, with role overrides stored first when given."""
    s = settings(home)
    if rules:
        from index.store import IndexWriter

        writer = IndexWriter(s)
        with writer.db:
            for name, role in rules.items():
                writer.db.execute("INSERT INTO role_overrides VALUES (?, ?, ?, 0)",
                                  (name.casefold(), name, role))
        writer.close()
    assert not ingest([TEXT], s).failed
    return s


def roles(home: Path, speaker: str) -> set[str]:
    db = sqlite3.connect(home / "podium.sqlite")
    found = {r[0] for r in db.execute("SELECT role FROM turns WHERE speaker = ?", (speaker,))}
    db.close()
    return found



def test_promote_embeds_only_the_promoted_turns(tmp_path):
    s = build(tmp_path / "a")
    assert roles(s.home, "Li Qing") == {"moderator"}
    change = set_role("li qing", "official", s)  # names match whatever their case
    assert (change.speaker, change.turns) == ("Li Qing", 2)
    # her two turns: "Good afternoon." "Mr. Zhou and Ms. Chen will answer your questions."
    # "That is all for today's briefing." "Thank you." — four sentences, nothing else
    assert change.embedded == 4
    assert roles(s.home, "Li Qing") == {"official"}
    expected = build(tmp_path / "b", {"Li Qing": "official"})
    assert snapshot(s.home) == snapshot(expected.home)


def test_promote_a_journalist_reuses_their_question_vectors(tmp_path):
    s = build(tmp_path / "a")
    change = set_role("Reuters", "official", s)
    # "Will the dams hold?" was stored as the question Chen Yun answered: nothing to encode
    # (a short question, but from another outlet than the one before: not a follow-up);
    # Chen Yun's answer now answers no journalist, so its question chunk goes
    assert (change.turns, change.embedded) == (2, 0)
    expected = build(tmp_path / "b", {"Reuters": "official"})
    assert snapshot(s.home) == snapshot(expected.home)


def test_demote_an_official_removes_their_chunks_and_embeds_nothing(tmp_path):
    s = build(tmp_path / "a")
    before = {cid for cid in snapshot(s.home)["chroma"]}
    change = set_role("Zhou Wei", "journalist", s)
    assert change.embedded == 0 and change.turns >= 1
    after = set(snapshot(s.home)["chroma"])
    assert after < before and not any(":0002:" in c for c in after - before)
    expected = build(tmp_path / "b", {"Zhou Wei": "journalist"})
    assert snapshot(s.home) == snapshot(expected.home)
    # auto: podium decides again, back to the clean build without overrides
    set_role("Zhou Wei", "auto", s)
    assert snapshot(s.home) == snapshot(build(tmp_path / "c").home)


def test_the_override_applies_to_later_ingests(tmp_path):
    s = build(tmp_path / "a")
    set_role("Journalist", "moderator", s)
    extra = tmp_path / "later.txt"
    extra.write_text("Q: Is the bridge open?\n\nA: Yes, since Monday.\n")
    report = ingest([extra], s)
    assert len(report.added) == 1
    assert roles(s.home, "Journalist") == {"moderator"}


def test_unknown_speaker_and_role_name_the_fix(tmp_path):
    s = build(tmp_path / "a")
    with pytest.raises(ValueError, match=r"no speaker 'Zhou Wie'.*did you mean 'Zhou Wei'"):
        set_role("Zhou Wie", "official", s)
    with pytest.raises(ValueError, match="unknown role 'boss'"):
        set_role("Zhou Wei", "boss", s)


def test_listing_and_the_command_line(tmp_path, monkeypatch, capsys):
    s = build(tmp_path / "a")
    rows = {r["speaker"]: r for r in list_speakers(s)}
    assert rows["Journalist"]["role"] == "journalist" and rows["Journalist"]["turns"] == 2
    assert rows["Li Qing"]["briefings"] == 1 and rows["Li Qing"]["override"] is None
    monkeypatch.setenv("PODIUM_HOME", str(s.home))
    monkeypatch.setenv("PODIUM_MODEL", "hash")
    assert main(["speakers", "--set-role", "Li Qing", "official"]) == 0
    assert "Li Qing is now official: 2 turn(s) re-labelled in 1 briefing(s)" in \
        capsys.readouterr().out
    assert main(["speakers", "--json"]) == 0
    listed = {r["speaker"]: r for r in json.loads(capsys.readouterr().out)["speakers"]}
    assert listed["Li Qing"]["role"] == "official" and listed["Li Qing"]["override"] == "official"
    assert main(["speakers"]) == 0
    assert "(set: official)" in capsys.readouterr().out
    assert main(["speakers", "--set-role", "Nobody", "official"]) == 1
    assert "no speaker 'Nobody'" in capsys.readouterr().err
