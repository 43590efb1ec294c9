"""index.load and the format parsers: tiny inline files first, then the real corpus in ../shared."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from index.formats import find_date, is_speaker_label, split_label
from index.load import LoadError, briefing_id, iter_files, load_file
from index.roles import assign_roles

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CORPUS = SHARED / "corpus"
needs_shared = pytest.mark.skipif(
    not CORPUS.is_dir(), reason=f"{CORPUS} is absent (a fresh clone has no ../shared corpus)"
)

SEED_TEXT = """\
SCIO briefing on something (2016-2020)

0 Comment(s)Print E-mail China.org.cn, June 7, 2021
Adjust font size:


Southern Metropolis Daily:


What can be done? Thank you.\u00a0

Li Xiao:

Thank you for your question.\u00a0 The system
of pleas was included.

Regarding the\tlong-term mechanism, thank you.\u00a0

Shou Xiaoli:

That is all for today's policy briefing.

Translated and edited by Someone. In case of any discrepancy between the English and Chinese
texts, the Chinese version is deemed to prevail.

<\u00a0 \u00a01\u00a0 \u00a02\u00a0 \u00a03\u00a0 >


Follow China.org.cn on Twitter and Facebook to join the conversation.
ChinaNews App Download
Print E-mail Bookmark and Share

Go to Forum >>0 Comment(s)

No comments.

Add your comments...

  \u2022 User Name Required
  \u2022 Your Comment
    Racist, abusive and off-topic comments may be removed by the moderator.
Send your storiesGet more from China.org.cnMobileRSSNewsletter
"""

MFA_HTML = """<html><head><title>Foreign Ministry Spokesperson Geng Shuang's Regular Press
Conference on May 11, 2018</title></head><body><div class="nav"><p>Home</p></div>
<div class="content">
<p align=center><img src="a.jpg"/></p>
<p>At the invitation of Sierra Leone, a special envoy will attend the inauguration.</p>
<p>Sierra Leone is an important partner.</p>
<p><strong>Q: What is the purpose of the visit?</strong></p>
<p>A: France is a permanent member.</p>
<p>The two sides will exchange views.</p>
<p><b>MBC</b><b>: Tomorrow is an anniversary. What is China's position?</b></p>
<p>Geng Shuang: Peace serves all.</p>
<p><b>Follow-up: Just to confirm?</b></p>
<p>Geng Shuang: Yes.</p>
<p><b>The following question was raised after the press conference: is it true?</b><br>
It is not true.</p>
<p align=center>***</p>
<p>The press conference will be adjourned on Thursday.</p>
</div></body></html>"""

MARKDOWN = """---
date: '2021-01-20'
source_url: https://example.gov/briefing-room/2021/01/20/press-briefing-by-jen-psaki/
title: "Press Briefing by Press Secretary Jen\\_Psaki, January 20,\\_2021"
---

James S. Brady Press Briefing Room

7:06 P.M. EST
\u00a0
MS. PSAKI:\u00a0 Good evening, everyone.\u00a0 Thank you for joining us on this
historic day.\u00a0 It\u2019s an honor.

Second paragraph \\[with an escape\\].

Q\u00a0\u00a0\u00a0 Thank you, Jen.\u00a0 Will he call
leaders?

MS. PSAKI:\u00a0 He will.

OPERATOR:  Next question.

7:37 P.M. EST

\\###
"""


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# --- plain text (seed) --------------------------------------------------------------------------


def test_seed_layout_strips_furniture_and_normalises_whitespace(tmp_path):
    path = write(tmp_path, "scio-briefing-page3.txt", SEED_TEXT)
    transcript = load_file(path)
    turns = transcript.turns
    assert [t.speaker for t in turns] == ["Southern Metropolis Daily", "Li Xiao", "Shou Xiaoli"]
    assert turns[0].text == "What can be done? Thank you."
    assert turns[1].text == (
        "Thank you for your question. The system of pleas was included.\n\n"
        "Regarding the long-term mechanism, thank you."
    )
    assert all(t.page == 3 for t in turns)
    briefing = transcript.briefing
    assert briefing.title == "SCIO briefing on something (2016-2020)"
    assert (briefing.date, briefing.pages, briefing.format) == ("2021-06-07", 3, "text")
    text = "\n".join(t.text for t in turns)
    for furniture in ("Comment", "Translated", "discrepancy", "Twitter", "<", "Racist"):
        assert furniture not in text


def test_same_line_labels_and_q_a_with_sidecar_spokesperson(tmp_path):
    path = write(tmp_path, "qa.txt", "Q: Is it raining?\nA: It is.\nmore rain\n\nstill A.\n"
                 "Reuters: And tomorrow?\nThe answer is as follows: no.\n")
    write(tmp_path, "qa.meta.json", json.dumps({"spokesperson": "Hua Chunying"}))
    turns = load_file(path).turns
    assert [(t.speaker, t.role_hint) for t in turns] == [
        ("Journalist", "journalist"), ("Hua Chunying", "official"), ("Reuters", None)]
    assert turns[1].text == "It is. more rain\n\nstill A."
    assert turns[2].text == "And tomorrow? The answer is as follows: no."


@pytest.mark.parametrize("label", ["Li Xiao", "Southern Metropolis Daily", "The Globe and Mail",
                                   "Mr. Kirby", "CCTV", "Phoenix TV", "Channel 4 News"])
def test_speaker_labels(label):
    assert is_speaker_label(label)


@pytest.mark.parametrize("line", ["The answer is as follows: no", "At 10:30 we met",
                                  "Our position is very clear: we oppose it",
                                  "Many people may want to ask this question: why",
                                  "Note: this is a note", "On June 23, Reuters: said",
                                  "http://example.com: x"])
def test_sentences_are_not_labels(line):
    assert split_label(line) is None


def test_dates():
    assert find_date("0 Comment(s)Print E-mail China.org.cn, June 7, 2021") == "2021-06-07"
    assert find_date("Regular Press Conference on June 24, 2020") == "2020-06-24"
    assert find_date("7 Sept. 2019") == "2019-09-07"
    assert find_date("scio-2021-06-07-x") == "2021-06-07"
    assert find_date("February 30, 2021") is None


def test_format_is_detected_by_content(tmp_path):
    html = write(tmp_path, "page.txt", MFA_HTML)
    assert load_file(html).briefing.format == "html"
    front = write(tmp_path, "front.txt", MARKDOWN)
    assert load_file(front).briefing.format == "markdown"
    plain_md = write(tmp_path, "plain.md", "# Notes\n\nLi Xiao: Hello\nthere.\n")
    transcript = load_file(plain_md)
    assert transcript.briefing.format == "markdown"
    assert [(t.speaker, t.text) for t in transcript.turns] == [("Li Xiao", "Hello there.")]
    forced = write(tmp_path, "forced.html", "Li Xiao: plain text in an .html file\n")
    assert load_file(forced, format="text").briefing.format == "text"


def test_cp1252_fallback(tmp_path):
    path = write(tmp_path, "old.txt", "Li Xiao: caf\u00e9 \u201cquoted\u201d\n".encode("cp1252"))
    assert load_file(path).turns[0].text == "caf\u00e9 \u201cquoted\u201d"


# --- HTML (mfa) ---------------------------------------------------------------------------------


def test_mfa_html_layouts(tmp_path):
    transcript = load_file(write(tmp_path, "html/2018-05-11_t1.html", MFA_HTML))
    got = [(t.speaker, t.role_hint, t.text) for t in transcript.turns]
    assert got == [
        ("Geng Shuang", "official", "At the invitation of Sierra Leone, a special envoy will "
         "attend the inauguration.\n\nSierra Leone is an important partner."),
        ("Journalist", "journalist", "What is the purpose of the visit?"),
        ("Geng Shuang", "official", "France is a permanent member.\n\nThe two sides will "
         "exchange views."),
        ("MBC", "journalist", "Tomorrow is an anniversary. What is China's position?"),
        ("Geng Shuang", "official", "Peace serves all."),
        ("MBC", "journalist", "Just to confirm?"),
        ("Geng Shuang", "official", "Yes."),
        ("Journalist", "journalist",
         "The following question was raised after the press conference: is it true?"),
        ("Geng Shuang", "official", "It is not true."),
        ("Geng Shuang", "official", "The press conference will be adjourned on Thursday."),
    ]
    assert transcript.briefing.date == "2018-05-11"
    assert transcript.briefing.format == "html"


def test_index_jsonl_row_gives_url_title_date(tmp_path):
    path = write(tmp_path, "html/2018-05-11_t1.html", MFA_HTML)
    row = {"id": "other", "html_file": "html/2018-05-11_t1.html", "url": "https://www.fmprc.gov.cn/"
           "mfa_eng/t1558711.shtml", "title": "Indexed title", "date": "2018-05-12",
           "spokesperson": "Geng Shuang"}
    write(tmp_path, "index.jsonl", "not json\n" + json.dumps(row) + "\n")
    briefing = load_file(path).briefing
    assert (briefing.title, briefing.date) == ("Indexed title", "2018-05-12")
    assert briefing.source_url == row["url"]
    assert re.fullmatch(r"fmprc-t1558711-[0-9a-f]{6}", briefing.id)


# --- Markdown (White House) ---------------------------------------------------------------------


def test_markdown_front_matter_and_caps_labels(tmp_path):
    transcript = load_file(write(tmp_path, "wh.md", MARKDOWN))
    turns = transcript.turns
    assert [(t.speaker, t.role_hint) for t in turns] == [
        ("Jen Psaki", "official"), ("Journalist", "journalist"), ("Jen Psaki", "official"),
        ("Operator", "moderator")]
    assert turns[0].text == ("Good evening, everyone. Thank you for joining us on this historic "
                             "day. It\u2019s an honor.\n\nSecond paragraph [with an escape].")
    assert turns[1].text == "Thank you, Jen. Will he call leaders?"
    assert turns[3].text == "Next question."
    briefing = transcript.briefing
    assert briefing.title == "Press Briefing by Press Secretary Jen Psaki, January 20, 2021"
    assert briefing.date == "2021-01-20"
    assert briefing.source_url.startswith("https://example.gov/")
    roster = {s.name: s for s in briefing.speakers}
    assert roster["Jen Psaki"].title == "Press Secretary"


def test_sidecars_override_the_file(tmp_path):
    path = write(tmp_path, "wh.md", MARKDOWN)
    write(tmp_path, "wh.meta.yaml", "title: Better title\ndate: 2021-01-21\n"
          "source_url: https://example.org/x/y.html\n")
    write(tmp_path, "wh.speakers.yaml", "Operator: journalist\nJen Psaki:\n  role: official\n"
          "  title: Spokesperson\n")
    briefing = load_file(path).briefing
    assert (briefing.title, briefing.date) == ("Better title", "2021-01-21")
    assert briefing.source_url == "https://example.org/x/y.html"
    roster = {s.name: s for s in briefing.speakers}
    assert roster["Operator"].role == "journalist"
    assert roster["Jen Psaki"].title == "Spokesperson"


# --- ids, folders, bad input --------------------------------------------------------------------


def test_briefing_ids_are_stable_and_safe(tmp_path):
    url = "https://www.whitehouse.gov/briefing-room/" + "very-long-slug-" * 10 + "/"
    first = briefing_id(url, Path("a.md"), "0" * 64)
    assert first == briefing_id(url, Path("b.md"), "1" * 64)
    assert re.fullmatch(r"[a-z0-9-]{1,80}", first) and first.startswith("whitehouse-very-long")
    by_path = briefing_id(None, tmp_path / "Some File_name.txt", "a" * 64)
    assert re.fullmatch(r"some-file-name-[0-9a-f]{8}", by_path)
    # an edited file keeps its id (so it replaces its turns); the same name elsewhere does not
    assert by_path == briefing_id(None, tmp_path / "Some File_name.txt", "b" * 64)
    assert by_path != briefing_id(None, tmp_path / "other" / "Some File_name.txt", "a" * 64)


def test_iter_files_skips_sidecars_and_readmes(tmp_path):
    for name in ["b/x.txt", "a.md", "a.meta.json", "a.speakers.yaml", "README.md", "LICENSE",
                 "index.jsonl", "notes.pdf", "c.HTML", ".hidden/y.txt"]:
        write(tmp_path, name, "Li Xiao: hi")
    assert iter_files([tmp_path]) == [tmp_path / "a.md", tmp_path / "b/x.txt", tmp_path / "c.HTML"]
    assert iter_files([tmp_path / "a.md"]) == [tmp_path / "a.md"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", " \n\n", "is empty"),
        ("binary.txt", b"\x89PNG\r\n\x00\x00\x01", "binary"),
        ("nolabels.txt", "Just some prose.\nNo speakers here.\n", "no speaker labels found in"),
        ("nolabels.html", "<html><body><p>just prose</p></body></html>", "no speaker labels"),
        ("doc.pdf", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj", "a PDF document"),
    ],
)
def test_bad_input_names_the_file(tmp_path, name, content, message):
    path = write(tmp_path, name, content)
    with pytest.raises(LoadError, match=message) as info:
        load_file(path)
    assert str(path) in str(info.value)


def test_missing_path_folder_and_bad_format(tmp_path):
    with pytest.raises(LoadError, match="no such file"):
        load_file(tmp_path / "nope.txt")
    with pytest.raises(LoadError, match="is a folder"):
        load_file(tmp_path)
    with pytest.raises(LoadError, match="no such file or folder"):
        iter_files([tmp_path / "nope"])
    path = write(tmp_path, "x.txt", "Li Xiao: hi")
    with pytest.raises(LoadError, match="unknown format 'pdf'"):
        load_file(path, format="pdf")
    write(tmp_path, "x.meta.json", json.dumps({"date": "someday"}))
    with pytest.raises(LoadError, match="bad date 'someday' in .*x.meta.json"):
        load_file(path)
    write(tmp_path, "x.meta.json", json.dumps({"speakers": [{"name": "A", "role": "boss"}]}))
    with pytest.raises(LoadError, match="unknown role 'boss' for speaker 'A'"):
        load_file(path)


# --- the real corpus (../shared) ----------------------------------------------------------------

SEED = CORPUS / "seed" / "scio-2021-06-07-human-rights-action-plan-page9.txt"
MFA = CORPUS / "mfa" / "html"
WH = CORPUS / "whitehouse" / "sample"


@pytest.fixture(scope="module")
def corpus() -> dict[Path, tuple]:
    """Every seed, MFA and White House sample file, loaded once: path → (briefing, turns)."""
    return {path: assign_roles(load_file(path)) for path in iter_files([CORPUS / "seed", MFA, WH])}


@pytest.mark.shared
@needs_shared
class TestCorpus:
    def test_seed_page(self):
        briefing, turns = assign_roles(load_file(SEED))
        assert [(t.speaker, t.role, t.answers_turn) for t in turns] == [
            ("Southern Metropolis Daily", "journalist", None),
            ("Li Xiao", "official", 0),
            ("Global Times", "journalist", None),
            ("Li Xiaomei", "official", 2),
            ("Shou Xiaoli", "moderator", None),
        ]
        for turn in turns:
            for furniture in ("Translated and edited", "Comment", "Adjust font size", "<  1", "<"):
                assert furniture not in turn.text
            assert turn.page == 9
        assert (briefing.date, briefing.pages) == ("2021-06-07", 9)
        assert briefing.title.startswith("SCIO briefing on implementation of National Human")
        li_xiao = turns[1].text
        assert li_xiao.startswith("Thank you for your question. The system of pleas for leniency")
        assert "\n\nRegarding the long-term mechanism" in li_xiao
        assert li_xiao.count("\n\n") == 1 and li_xiao == li_xiao.strip()

    def test_mfa_speaker_labelled_page(self):
        briefing, turns = assign_roles(load_file(MFA / "2020-06-24_t1792107.html"))
        assert briefing.source_url.endswith("/t1792107.shtml")
        assert briefing.date == "2020-06-24"
        assert briefing.title.startswith("Foreign Ministry Spokesperson Zhao Lijian's Regular")
        assert (turns[0].speaker, turns[0].role, turns[0].answers_turn) == (
            "Zhao Lijian", "official", None)
        cri = next(t for t in turns if t.speaker == "CRI")
        assert cri.role == "journalist"
        assert cri.text.startswith("On June 23, the Arab League foreign ministers")
        answer = turns[cri.index + 1]
        assert (answer.speaker, answer.role, answer.answers_turn) == (
            "Zhao Lijian", "official", cri.index)
        assert answer.text.startswith("China supports the Arab League in playing an active role "
                                      "on the Libya issue")
        mbc = next(t for t in turns if t.speaker == "MBC")
        assert mbc.text.startswith("Tomorrow will be the 70th anniversary")
        holiday = turns[-1]
        assert holiday.text.startswith("According to the public holiday schedule")
        assert (holiday.speaker, holiday.answers_turn) == ("Zhao Lijian", None)

    def test_mfa_q_a_page(self):
        briefing, turns = assign_roles(load_file(MFA / "2018-05-11_t1558711.html"))
        assert briefing.date == "2018-05-11"
        assert briefing.source_url.endswith("/t1558711.shtml")
        assert turns[0].speaker == "Geng Shuang" and turns[0].text.startswith("At the invitation")
        question = turns[1]
        assert (question.speaker, question.role) == ("Journalist", "journalist")
        assert question.text.startswith("You just announced State Councilor and Foreign Minister "
                                        "Wang Yi's upcoming visit to France")
        answer = turns[2]
        assert (answer.speaker, answer.role, answer.answers_turn) == ("Geng Shuang", "official", 1)
        assert answer.text.startswith("France is a permanent member of the United Nations "
                                      "Security Council")
        assert "\n\nDuring his visit to France" in answer.text

    def test_all_mfa_pages_have_name_like_speakers(self, corpus):
        speakers: Counter = Counter()
        pages = {path: value for path, value in corpus.items() if path.is_relative_to(MFA)}
        assert len(pages) == 41
        for briefing, turns in pages.values():
            assert briefing.date and briefing.source_url and len(turns) >= 5
            speakers.update((t.speaker, t.role) for t in turns)
            assert all(t.text and not t.text.startswith(("Q:", "A:")) for t in turns)
        for speaker, _ in speakers:
            assert is_speaker_label(speaker) and len(speaker.split()) <= 5, speaker
        assert {role for _, role in speakers} == {"official", "journalist"}

    def test_white_house_briefing(self):
        name = "2021-01-20-press-briefing-by-press-secretary-jen-psaki-january-20-2021.md"
        path = WH / "2021-01" / name
        briefing, turns = assign_roles(load_file(path))
        first = turns[0]
        assert (first.speaker, first.role, first.answers_turn) == ("Jen Psaki", "official", None)
        assert first.text.startswith(
            "Good evening, everyone. Thank you for joining us on this historic day.")
        assert (turns[1].speaker, turns[1].role) == ("Journalist", "journalist")
        assert turns[1].text.startswith("Thanks, Jen. First off, congratulations.")
        assert (turns[2].speaker, turns[2].answers_turn) == ("Jen Psaki", 1)
        assert turns[2].text.startswith("Well, let me first say, Zeke,")
        assert turns[-1].text == "Thank you, everyone. Let\u2019s do this again tomorrow."
        for turn in turns:
            assert "P.M. EST" not in turn.text and "###" not in turn.text
            assert "  " not in turn.text and "\u00a0" not in turn.text
        assert briefing.title == "Press Briefing by Press Secretary Jen Psaki, January 20, 2021"
        assert briefing.date == "2021-01-20"

    def test_turn_text_is_normalised_everywhere(self, corpus):
        for path, (_, turns) in corpus.items():
            for turn in turns:
                text = turn.text
                assert text == text.strip() and "\n\n\n" not in text
                assert "\n" not in text.replace("\n\n", ""), (path, text[:80])
                assert not re.search(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]{2}|\t|\u00a0", text)

    def test_all_white_house_briefings(self, corpus):
        briefings = [value for path, value in corpus.items() if path.is_relative_to(WH)]
        assert len(briefings) == 40
        roles: Counter = Counter()
        for _, turns in briefings:
            roles.update(t.role for t in turns)
            for turn in turns:
                assert not re.search(r"\d:\d\d [AP]\.M\.|###|\\\[", turn.text), turn.text[-80:]
                assert turn.speaker.upper() != turn.speaker or len(turn.speaker) <= 3
        assert roles["official"] > 3000 and roles["journalist"] > 3000
