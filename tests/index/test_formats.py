"""Every format from a small fixture in the repo: HTML article pages, SCIO rosters, multi-page
briefings, JSON/JSONL/QMSum, plain text Q/A, Markdown; detection by content and --format."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from index.formats import LoadError
from index.load import load_file, load_source
from index.pages import group_pages, merge
from index.roles import assign_roles
from index.roster import read_roster
from index.sources import SourceFile, Sources

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"


def briefings(*paths: Path) -> dict[str, tuple]:
    """Read, group and merge like an ingest does: title → (briefing, turns)."""
    with Sources(list(paths)) as sources:
        assert not sources.failed
        groups, dropped = group_pages([load_source(f) for f in sources.files])
    assert not dropped
    return {b.title: (b, t) for b, t in (assign_roles(merge(g)) for g in groups)}


def people(turns) -> list[tuple]:
    return [(t.speaker, t.role, t.answers_turn, t.page) for t in turns]


def test_china_org_cn_pages_merge_into_one_briefing_with_the_first_page_roster():
    (briefing, turns), = briefings(FIXTURES / "chinaorg").values()
    assert briefing.source_url.endswith("/content_77540707.htm")  # page 1's URL
    assert (briefing.date, briefing.pages, briefing.format) == ("2021-09-14", 3, "html")
    assert briefing.title == "SCIO briefing on the white paper on river protection"
    assert people(turns) == [
        ("Xu Ping", "moderator", None, 1), ("Wang Lin", "official", None, 1),
        ("China Daily", "journalist", None, 1), ("Zhao Hong", "official", 2, 1),
        ("Phoenix TV", "journalist", None, 2), ("Wang Lin", "official", 4, 2),
        ("Xu Ping", "moderator", None, 3)]
    # the answer cut by the page break stays one turn, on the page where it starts
    assert turns[3].text.endswith("public satisfaction.\n\nIn the coming years, the evaluation "
                                  "will also count how many fish species return to each river.")
    roster = {s.name: s for s in briefing.speakers}
    assert roster["Wang Lin"].title == "vice minister of water resources"  # "Mr." dropped
    assert roster["Xu Ping"].role == "moderator"
    text = "\n".join(t.text for t in turns)
    for junk in ("Evil Script", "Injected", "not speech", "Add your comments", "Racist",
                 "Copyright", "Translated and edited", "Speakers", "Home", "Comment(s)"):
        assert junk not in text


def test_pages_in_any_order_and_a_page_given_twice(tmp_path):
    folder = FIXTURES / "chinaorg"
    pages = [folder / "content_77540707_3.htm", folder / "content_77540707.htm",
             folder / "content_77540707_2.htm"]
    (_, turns), = briefings(*pages).values()
    assert [t.page for t in turns] == [1, 1, 1, 1, 2, 2, 3]
    copy = shutil.copy(folder / "content_77540707_2.htm", tmp_path / "again.htm")
    with Sources([*pages, Path(copy)]) as sources:
        groups, dropped = group_pages([load_source(f) for f in sources.files])
    assert len(groups) == 1 and len(dropped) == 1
    assert "page 2 of the briefing" in dropped[0][1] and "given twice" in dropped[0][1]


def test_text_pages_named_page1_page2_with_roster_and_a_sentence_across_the_break():
    (briefing, turns), = briefings(FIXTURES / "text" / "river-briefing-page1.txt",
                                   FIXTURES / "text" / "river-briefing-page2.txt").values()
    assert (briefing.title, briefing.date, briefing.pages) == (
        "SCIO briefing on flood control", "2021-07-20", 2)
    assert people(turns) == [
        ("Li Qing", "moderator", None, 1), ("CCTV", "journalist", None, 1),
        ("Zhou Wei", "official", 1, 1), ("Reuters", "journalist", None, 2),
        ("Chen Yun", "official", 3, 2), ("Li Qing", "moderator", None, 2)]
    assert turns[2].text == ("More than 300,000 people have been moved to safety so far.\n\n"
                             "Rescue teams remain on standby along the river, and they will stay "
                             "there until the water level falls below the warning line.")
    roster = {s.name: s for s in briefing.speakers}
    assert roster["Zhou Wei"].title == "vice minister of emergency management"
    assert roster["Li Qing"].role == "moderator"


def test_a_later_page_alone_gets_no_roster_and_drops_its_lead():
    transcript = load_file(FIXTURES / "text" / "river-briefing-page2.txt")
    assert transcript.turns[0].speaker == "Reuters"
    assert transcript.briefing.pages == 2 and transcript.turns[0].page == 2
    assert not any("warning line" in t.text for t in transcript.turns)


def test_scio_gov_cn_page_with_bold_labels_and_a_repeated_roster():
    (briefing, turns), = briefings(FIXTURES / "scio").values()
    assert (briefing.title, briefing.date) == ("SCIO press conference on rural revitalization",
                                               "2021-03-02")
    assert people(turns) == [
        ("Shou Lan", "moderator", None, None), ("Tang Ming", "official", None, None),
        ("Xinhua News Agency", "journalist", None, None), ("Tang Ming", "official", 2, None),
        ("Shou Lan", "moderator", None, None)]
    assert turns[1].text.endswith("650 million tonnes.\n\nWe will also build 10 million mu of "
                                  "high-standard farmland.")  # <br> splits paragraphs
    assert "Read in Chinese" not in " ".join(t.text for t in turns)


def test_roster_headers_only_count_when_an_entry_follows():
    lines = ["Host:", "", "Good morning, everyone, and welcome.", "", "Li Xiao:", "Hello."]
    assert read_roster(lines).speakers == {}
    lines = ["Speakers: Li Xiao, vice president; Wang Wei, judge", "Chairperson:",
             "Dr. Hu Kai, spokesperson", "Date: June 7, 2021", "Hu Kai:", "Welcome."]
    roster = read_roster(lines)
    assert {n: (s.role, s.title) for n, s in roster.speakers.items()} == {
        "Li Xiao": ("official", "vice president"), "Wang Wei": ("official", "judge"),
        "Hu Kai": ("moderator", "spokesperson")}
    assert roster.date == "2021-06-07" and roster.lines == {0, 1, 2, 3}


def test_json_turns_with_roster_and_jsonl_with_role_hints():
    found = briefings(FIXTURES / "json" / "turns.json", FIXTURES / "json" / "turns.jsonl")
    briefing, turns = found["Press availability on the harbour project"]
    assert (briefing.date, briefing.format) == ("2022-04-05", "json")
    assert people(turns) == [("Ana Ruiz", "official", None, None),
                             ("Local Herald", "journalist", None, None),
                             ("Ana Ruiz", "official", 1, None)]
    assert turns[0].text == "Good morning. The harbour project is on schedule.\n\nThe first " \
                            "berth opens in June."
    _, turns = found["turns"]
    assert [t.role for t in turns] == ["official", "journalist", "official"]


def test_qmsum_meeting_roles_come_only_from_a_roster(tmp_path):
    transcript = load_file(FIXTURES / "json" / "ES2099a.json")
    assert transcript.briefing.format == "qmsum"
    assert all(t.role_hint is None for t in transcript.turns)
    assert transcript.turns[1].text == "I propose a curved case a curved case with rubber buttons ."
    _, turns = assign_roles(transcript)
    assert [t.role for t in turns] == ["moderator", "official", "unknown", "moderator"]
    bare = shutil.copy(FIXTURES / "json" / "ES2099a.json", tmp_path / "ES2099a.json")
    assert {s.role for s in load_file(Path(bare)).briefing.speakers} == set()  # no sidecar
    forced = load_file(Path(bare), format="qmsum")
    assert forced.briefing.format == "qmsum"
    with pytest.raises(LoadError, match="not a QMSum meeting"):
        load_file(FIXTURES / "json" / "turns.json", format="qmsum")


def test_plain_text_q_a_with_sidecar_spokesperson_and_markdown():
    found = briefings(FIXTURES / "text" / "qa-briefing.txt", FIXTURES / "markdown")
    briefing, turns = found["Regular Press Conference on May 11, 2018"]
    assert [(t.speaker, t.role) for t in turns] == [
        ("Journalist", "journalist"), ("Geng Shuang", "official")] * 2
    assert turns[1].text == ("Yes. The foreign minister will travel to Paris on Monday. He will "
                             "meet his counterpart on Tuesday.")
    assert briefing.id.startswith("example-2018-05-11-")
    briefing, turns = found["Press Briefing by Press Secretary Jen Psaki, February 1, 2021"]
    assert [t.speaker for t in turns] == ["Jen Psaki", "Journalist", "Jen Psaki"]


def test_detection_by_content_whatever_the_extension(tmp_path):
    for source, name in [("json/turns.jsonl", "export.txt"), ("markdown/2021-02-01-press-"
                         "briefing.md", "briefing"), ("scio/scio-press-conference-2021-03-02"
                                                      ".html", "page.txt")]:
        copy = tmp_path / name
        shutil.copy(FIXTURES / source, copy)
        expected = load_file(FIXTURES / source).briefing.format
        assert load_file(copy).briefing.format == expected
    forced = tmp_path / "forced.html"
    forced.write_text("Li Xiao: plain text in an .html file\n")
    assert load_file(forced, format="text").briefing.format == "text"
    assert load_file(forced, format="seed").briefing.format == "text"  # old name still works


def test_archive_member_names_and_ids_are_stable(tmp_path):
    import tarfile

    archive = tmp_path / "pages.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(FIXTURES / "text", arcname="text")
    first = second = None
    for attempt in range(2):
        with Sources([archive]) as sources:
            names = sorted(f.name for f in sources.files)
            ids = sorted(load_source(f).transcript.briefing.id for f in sources.files)
        first, second = (ids, second) if attempt == 0 else (first, ids)
    assert names == [f"{archive}!text/qa-briefing.txt", f"{archive}!text/river-briefing-page1.txt",
                     f"{archive}!text/river-briefing-page2.txt"]
    assert first == second
    source = SourceFile.of(FIXTURES / "text" / "qa-briefing.txt")
    assert load_source(source).transcript.briefing.source_path == str(source.path)
