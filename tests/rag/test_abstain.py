from rag.abstain import head_word, named_phrases, unknown_names, unmentioned_names


def test_named_phrases_skip_question_words_and_split_possessives():
    assert named_phrases("What did Karine Jean-Pierre say about Lewiston, Maine?") == \
        ["Karine Jean-Pierre", "Lewiston", "Maine"]
    assert named_phrases("What about Sinovac's COVID-19 data?") == ["Sinovac's", "COVID-19"]
    # but not before a title: the country is the leader's ("President Lula" names Brazil's)
    assert named_phrases("Could Brazil's President Lula mediate?") == ["Brazil's President Lula"]
    assert named_phrases("how are you today?") == []
    # a date is no name; "May" and abbreviations may be ("Theresa May", "Yang Jun")
    assert named_phrases("What did Zhao Lijian say in August 2020, on a Monday?") == \
        ["Zhao Lijian"]
    assert named_phrases("Did China reply to Theresa May and Yang Jun?") == \
        ["China", "Theresa May", "Yang Jun"]


def test_head_word_is_the_last_word_without_possessive():
    assert head_word("Governor Greg Abbott's") == "abbott"
    assert head_word("Champlain Towers") == "towers"


def test_unknown_names_need_an_unmentioned_head_word():
    vocabulary = {"governor", "abbott", "china", "libya", "maine"}
    assert unknown_names("Did Governor Greg Abbott send buses?", vocabulary) == []
    assert unknown_names("What about Astroworld and Libya?", vocabulary) == ["Astroworld"]
    assert unknown_names("What about Lewiston, Maine?", vocabulary) == ["Lewiston"]
    assert unknown_names("What about Astroworld?", set()) == []  # no vocabulary: no verdict
    # a plural names what its singular does: "the two Koreas" names Korea
    assert unknown_names("What did Beijing say after the two Koreas met?", {"korea"}) == \
        ["Beijing"]
    assert unknown_names("What about the Bahamas and the Torches?", {"bahama", "torch"}) == []


def test_an_acronym_the_briefings_only_spell_out_is_not_unknown():
    vocabulary = {"china", "taiwan", "semiconductor", "manufacturing", "company"}
    question = "What did China say about TSMC's new factory in Arizona?"
    assert unknown_names(question, vocabulary) == ["TSMC's", "Arizona"]
    assert unknown_names(question, vocabulary, {"tsmc", "sm"}) == ["Arizona"]
    # initials known for a word that is no acronym do not make it known
    assert unknown_names("What about Tsmc?", vocabulary, {"tsmc"}) == ["Tsmc"]


def test_unknown_name_abstains_without_quotation_marks(tiny_index):
    from rag.answer import Podium

    answer = Podium(tiny_index).ask("What did China say about Astroworld and Libya?")
    assert answer.abstained and not answer.quotes
    assert "mentions Astroworld" in answer.message
    assert "“" not in answer.message and '"' not in answer.message


# word -> number of briefings (of 100) that mention it
FREQUENCY = {"china": 90, "sri": 6, "lanka": 6, "hambantota": 2, "port": 40, "treaty": 30,
             "inf": 3, "intermediate": 2, "range": 20, "nuclear": 25, "forces": 25, "white": 80,
             "house": 80}


def test_unmentioned_names_need_a_rare_word_that_no_close_answer_contains():
    contexts = ["China and Sri Lanka are good friends. The port serves the region."]
    assert unmentioned_names("Did China comment on Sri Lanka's Hambantota port?", contexts,
                             FREQUENCY, 100) == ["Hambantota"]
    # a rare word that a context contains is mentioned; common words are exempt
    assert unmentioned_names("What did China say about Sri Lanka?", contexts,
                             FREQUENCY, 100) == []
    assert unmentioned_names("What did the White House say?", contexts, FREQUENCY, 100) == []
    # a word the index never saw is rare too ("Ant" of "Ant Group", whose head is known)
    assert unmentioned_names("What about Ant Group?", ["A group of people"], {"group": 50},
                             100) == ["Ant Group"]
    # only a name's capitalised words name it: "drafted" in "EU-drafted" is no name
    assert unmentioned_names("Did China back the EU-drafted resolution?", contexts,
                             {"eu": 30, "drafted": 1}, 100) == []
    assert unmentioned_names("Did China back the Kyrgyz-drafted resolution?", contexts,
                             {"kyrgyz": 1, "drafted": 1}, 100) == ["Kyrgyz-drafted"]
    # a country by another of its names: "Britain's report", answered about "the UK"
    assert unmentioned_names("What did China say about Britain's report?", ["The UK has no "
                             "jurisdiction."], {"britain": 3, "uk": 8, "china": 90}, 100) == []
    # a leader's country is mentioned when the leader is
    assert unmentioned_names("Could Brazil's President Lula mediate?", ["President Lula said"],
                             {"brazil": 2, "lula": 1, "president": 90}, 100) == []
    # under ten briefings nothing is rare: the check is off
    assert unmentioned_names("Did China comment on Hambantota?", contexts, FREQUENCY, 9) == []
    assert unmentioned_names("Did China comment on Hambantota?", [], FREQUENCY, 100) == []


def test_a_capital_standing_for_its_government_is_mentioned_by_the_country():
    frequency = {"tokyo": 3, "japan": 40, "beijing": 60, "china": 90, "oda": 2}
    contexts = ["Japan's ODA cooperation with China has played a positive role."]
    question = "As Tokyo and Beijing wound down Japan's ODA, how did China assess it?"
    assert unmentioned_names(question, contexts, frequency, 100) == []
    # no country, no mention: the capital is still the rare name the answers lack
    assert unmentioned_names(question, ["The ODA programme has ended."], frequency,
                             100) == ["Tokyo"]
    # "coordinating with the Taliban in Kabul": an exchange on Afghanistan mentions it
    assert unmentioned_names("Did the US coordinate with the Taliban in Kabul?",
                             ["They have taken over much of Afghanistan."],
                             {"kabul": 5, "taliban": 8, "afghanistan": 20, "us": 90},
                             100) == ["Taliban"]


def test_an_acronym_and_its_spelled_out_form_mention_each_other():
    spelled = ["It pulled out of the Intermediate-Range Nuclear Forces Treaty last year."]
    short = ["It pulled out of the INF Treaty last year."]
    assert unmentioned_names("Was China bound by the INF Treaty?", spelled, FREQUENCY, 100) == []
    assert unmentioned_names("Was China bound by the Intermediate-Range Nuclear Forces Treaty?",
                             short, FREQUENCY, 100) == []
    assert unmentioned_names("Was China bound by the INF Treaty?", ["A treaty."], FREQUENCY,
                             100) == ["INF Treaty"]


def test_an_acronym_is_spelled_out_with_the_small_words_of_a_name_between():
    frequency = {"hhs": 3, "cbp": 3}
    contexts = ["Nearly 1,000 minors were transferred out of CBP facilities and into the care "
                "of Health and Human Services just this weekend."]
    assert unmentioned_names("How many children moved into HHS care?", contexts, frequency,
                             100) == []
    assert unmentioned_names("How many children moved into HHS care?",
                             ["They were moved into the care of human services."], frequency,
                             100) == ["HHS"]


def test_a_name_spelled_out_with_small_words_is_mentioned_by_its_acronym():
    frequency = {"customs": 3, "border": 60, "protection": 40}
    question = "What work would the troops do for Customs and Border Protection?"
    assert unmentioned_names(question, ["They will support CBP at the border."], frequency,
                             100) == []
    assert unmentioned_names(question, ["They will support the agents."], frequency,
                             100) == ["Customs"]


def test_a_name_is_mentioned_by_its_last_word_written_as_a_name():
    frequency = {"vladimir": 5, "putin": 40, "abrams": 3}
    question = "Did Vladimir Putin mean to use nuclear weapons after the Abrams decision?"
    said = "We see no indication that Mr. Putin intends to use them. The Abrams will go."
    assert unmentioned_names(question, [said], frequency, 100) == []
    # not when the word is only capitalised because it opens a sentence
    assert unmentioned_names(question, ["Putin. We see no indication. The Abrams go."],
                             frequency, 100) == ["Vladimir Putin"]


def test_a_plural_name_is_mentioned_by_the_words_it_starts():
    frequency = {"afghans": 4, "afghan": 8, "afghanistan": 9, "sikhs": 1, "america": 80}
    question = "Did America have a duty to the Afghans who helped it?"
    for said in ["our Afghan partners", "the people of Afghanistan", "the Afghans"]:
        assert unmentioned_names(question, [said], frequency, 100) == [], said
    assert unmentioned_names(question, ["our partners"], frequency, 100) == ["Afghans"]
    # a short stem matches nothing but itself: "Sikhs" is not mentioned by "Sikhism"
    assert unmentioned_names("What about the Sikhs?", ["Sikhism"], frequency, 100) == ["Sikhs"]


def test_a_place_and_the_word_for_its_people_mention_each_other():
    frequency = {"mali": 2, "malian": 2, "iraq": 5, "iraqi": 5, "ussr": 1, "soviet": 3}
    question = "Were military emails misdirected to Mali’s internet domain?"
    assert unmentioned_names(question, ["Control returns to the Malian government."],
                             frequency, 100) == []
    assert unmentioned_names("Did Iraqi forces ask for help?", ["We are in touch with Iraq."],
                             frequency, 100) == []
    assert unmentioned_names(question, ["Control returns to the government."], frequency,
                             100) == ["Mali’s"]
    # the Soviet Union is the USSR
    assert unmentioned_names("Were there labs in former Soviet republics?",
                             ["labs in former USSR countries"], frequency, 100) == []
    # a name shorter than four letters is no place: "IRA" does not mention "Iran"
    assert unmentioned_names("What did Iran say?", ["The IRA passed."], {"iran": 2, "ira": 2},
                             100) == ["Iran"]


def _as_if_rare(engine, **briefings_with_word: int) -> None:
    """Make the engine count 100 briefings: every indexed word in 50 of them, and each word
    given here in as many as it says (2 of 100 is rare)."""
    words = dict.fromkeys(engine.reader.vocabulary, 50)
    engine.reader.__dict__["word_frequency"] = (100, {**words, **briefings_with_word})


def test_a_rare_name_no_close_answer_mentions_abstains(tiny_index):
    from rag.answer import Podium

    engine = Podium(tiny_index)
    # as if the index held 100 briefings, two of them on Hambantota, three on the Arab League
    _as_if_rare(engine, hambantota=2, arab=3)
    answer = engine.ask("What did China say about the Arab League and Hambantota on Libya?")
    assert answer.abstained and not answer.quotes
    assert "never mention Hambantota" in answer.message
    assert "“" not in answer.message and '"' not in answer.message
    answer = engine.ask("What did China say about the Arab League on Libya?")
    assert not answer.abstained and answer.quotes


def test_a_candidate_close_to_the_question_is_quoted_whatever_name_it_uses(tiny_index,
                                                                            monkeypatch):
    """"Beijing and Tokyo" is answered by a reply that says "Japan": when the best
    candidate's support reaches CLOSE_SUPPORT the rare-name check is not made."""
    import rag.answer
    from rag.answer import Podium

    engine = Podium(tiny_index)
    _as_if_rare(engine, hambantota=2)
    question = "What did China say about the Arab League and Hambantota on Libya?"
    best = engine.ask(question).scores["best_support"]
    assert engine.ask(question).abstained
    monkeypatch.setattr(rag.answer, "CLOSE_SUPPORT", best)
    assert not engine.ask(question).abstained


def test_a_capitalised_word_that_opens_a_sentence_is_no_name():
    assert named_phrases("Rebutting claims that it hoarded masks, how many got aid?") == []
    assert named_phrases("Australia says Yang Jun was charged. Will Australian officials "
                         "see him?") == ["Yang Jun", "Australian"]
    assert named_phrases("Hong Kong postponed its election. Why?") == ["Hong Kong"]
    assert unknown_names("Rebutting claims of hoarding, what did China say?", {"china"}) == []


def test_a_name_in_the_question_before_a_short_follow_up_counts(hash_settings):
    """The check reads a reply's question as it was indexed: a short follow-up ("And the
    deadline?") together with the same journalist's question before it."""
    from conftest import make_briefing, write_index

    from rag.answer import Podium
    from rag.types import Turn

    b = make_briefing("fm-2020-06-30", "2020-06-30", "Regular Press Conference")
    turns = [
        Turn(b.id, 0, "CRI", "journalist",
             "Sri Lanka says the Hambantota port lease will be reviewed this year. Comment?"),
        Turn(b.id, 1, "Zhao Lijian", "official",
             "Cooperation between China and Sri Lanka is mutually beneficial and open.",
             answers_turn=0),
        Turn(b.id, 2, "CRI", "journalist", "And the deadline?"),
        Turn(b.id, 3, "Zhao Lijian", "official",
             "The two sides will discuss the lease through friendly consultation.",
             answers_turn=2),
    ]
    write_index(hash_settings, [(b, turns)])
    engine = Podium(hash_settings)
    assert "Hambantota" in engine.reader.indexed_question(b.id, 3)
    _as_if_rare(engine, hambantota=2)
    question = "What about the Hambantota lease deadline?"
    reply = [c for c in engine.rank(question) if c.hit.turn_index == 3]
    assert reply and engine.unmentioned(question, reply) == []
    # read with its own words only ("And the deadline?"), the reply never names Hambantota
    briefings, frequency = engine.reader.word_frequency
    assert unmentioned_names(question, [turns[3].text + " " + turns[2].text], frequency,
                             briefings) == ["Hambantota"]


def test_a_name_the_reporter_gave_a_few_turns_before_the_question_counts(hash_settings):
    """"Senator Ted Cruz is speaking at CPAC, and you came up." — "Oh?" — "He called you
    Peppermint Patty." — the reply answers the last question; the exchange names CPAC."""
    from conftest import make_briefing, write_index

    from rag.answer import Podium
    from rag.types import Turn

    b = make_briefing("wh-2022-02-24", "2022-02-24", "Press Briefing by Press Secretary")
    turns = [
        Turn(b.id, 0, "Q", "journalist", "Senator Ted Cruz is speaking at CPAC, and you came up."),
        Turn(b.id, 1, "Jen Psaki", "official", "Oh?", answers_turn=0),
        Turn(b.id, 2, "Q", "journalist", "He called you Peppermint Patty and told them to boo."),
        Turn(b.id, 3, "Jen Psaki", "official",
             "Senator Cruz, I like Peppermint Patty. I am a little tougher than that.",
             answers_turn=2),
        Turn(b.id, 4, "Q", "journalist", "And on the budget talks with Congress this week?"),
        Turn(b.id, 5, "Jen Psaki", "official",
             "The budget talks continue, and the President will meet the leaders of Congress.",
             answers_turn=4),
    ]
    write_index(hash_settings, [(b, turns)])
    engine = Podium(hash_settings)
    _as_if_rare(engine, cpac=2)
    question = "What did the press secretary say about being called Peppermint Patty at CPAC?"
    ranked = engine.rank(question)
    reply = [c for c in ranked if c.hit.turn_index == 3]
    assert reply and engine.unmentioned(question, reply) == []
    # the turns after it are no context: the budget reply never comes near CPAC
    later = [c for c in ranked if c.hit.turn_index == 5]
    assert later and engine.unmentioned(question, later) == ["CPAC"]


def test_a_day_or_month_half_a_year_after_the_last_briefing_is_after_it():
    from rag.abstain import after_last_briefing
    from rag.dates import named_period

    def after(question, latest):
        return after_last_briefing(named_period(question), latest, question)

    assert after("What did China say about the balloon in February 2023?", "2021-06-07")
    assert after("What was said on 3 March 2021?", "2020-07-01")
    # a day or month a little ahead may be asked about beforehand ("the summit in November")
    assert not after("Will Biden attend the summit in November 2020?", "2020-07-01")
    # but not in the past tense: what was said then, no indexed official said
    assert after("How did the White House respond in March 2025 to the leak?", "2025-01-10")
    assert after("What was said on 2 July 2020?", "2020-07-01")
    assert not after("What was said on 24 June 2020?", "2020-07-01")
    # a year also names goals and events ahead ("the 2030 target"): not after
    assert not after("What is the 2030 emissions target?", "2021-06-07")
    assert not after("How did China describe the 2022 Winter Olympics?", "2020-07-01")
    # unless it is when what the question asks about happened, in the past tense
    assert after("How did China respond when Sri Lanka defaulted in 2022?", "2020-07-01")
    assert after("What did the White House say during 2026 about tariffs?", "2025-01-10")
    assert not after("How did China respond when Sri Lanka defaulted in 2020?", "2020-07-01")
    assert not after("What will China do in 2022?", "2020-07-01")  # ahead of it
    assert not after("What did China say it would do in 2022?", "2020-07-01")
    assert not after("What did China say about the balloon?", "2021-06-07")  # no period
    assert not after("What was said in March 2023?", None)  # no dated briefing
    assert not after("What was said in March 2023?", "2020")  # not a full date


def test_a_question_about_a_month_after_the_briefings_of_whom_it_asks_for_is_declined(
        tiny_index):
    """Zhao Lijian speaks only on 2020-06-24 (Hua Chunying on 2020-07-01): asked what he
    said in March 2021, podium says his briefings end first, instead of quoting 2020."""
    from rag.answer import Podium
    from rag.retrieve import PIPELINES

    engine = Podium(tiny_index)
    question = "What did Zhao Lijian say about the Arab League and Libya in March 2021?"
    answer = engine.ask(question)
    assert answer.abstained and answer.asks_for == "Zhao Lijian"
    assert "the question asks about March 2021" in answer.message
    assert "briefings with the words of Zhao Lijian end on 2020-06-24" in answer.message
    # the whole index ends on 2020-07-01: half a year later is still after it
    answer = engine.ask("What did China say about the Arab League and Libya in March 2021?")
    assert answer.abstained and "end on 2020-07-01" in answer.message
    # asked in the past tense, a month after his last briefing is already too late
    answer = engine.ask("What did Zhao Lijian say about the Arab League and Libya in "
                        "August 2020?")
    assert answer.abstained and "end on 2020-06-24" in answer.message
    # and so is a year, when it is the time of what was said
    answer = engine.ask("What did Zhao Lijian say about the Arab League and Libya in 2023?")
    assert answer.abstained and "end on 2020-06-24" in answer.message
    # a month close to the briefings asked ahead, a year as the name of an event, or the
    # date lever off: no such verdict
    for question, pipeline in [
            ("Will Zhao Lijian speak about the Arab League and Libya in August 2020?", None),
            ("What did Zhao Lijian say about the Arab League's 2023 summit on Libya?", None),
            ("What did Zhao Lijian say about the Arab League and Libya in March 2021?",
             PIPELINES["podium-no-dates"])]:
        answer = engine.ask(question, pipeline=pipeline)
        assert "end on" not in answer.message, question
        assert not answer.abstained, question


def test_an_unknown_name_beside_a_mentioned_rare_name_is_an_added_detail():
    from rag.abstain import added_details

    frequency = {"china": 90, "us": 80, "strait": 5, "hormuz": 3, "bab": 0, "mandeb": 0,
                 "notre": 0, "dame": 0, "paris": 4}
    question = ("What was China's stance on the US plan to protect shipping through the "
                "Strait of Hormuz and the Bab el-Mandeb?")
    answered = ["We hope relevant parties safeguard security of passage through the Strait "
                "of Hormuz."]
    assert added_details(question, ["Mandeb"], answered, frequency, 100) == ["Mandeb"]
    # the exchanges close enough to quote must mention the other rare name
    elsewhere = ["We hope relevant parties safeguard security of passage."]
    assert added_details(question, ["Mandeb"], elsewhere, frequency, 100) == []
    assert added_details(question, ["Mandeb"], [], frequency, 100) == []
    # an unknown name with no other rare name beside it is what the question is about
    alone = "How did China react to the fire at Notre-Dame?"
    assert added_details(alone, ["Notre-Dame"], ["China and France …"], frequency, 100) == []
    assert added_details(question, [], answered, frequency, 100) == []


def test_a_briefing_is_near_a_named_day_or_month_within_three_months():
    from rag.abstain import near_period
    from rag.dates import named_period

    december = named_period("the tornado outbreak in December 2021")
    assert near_period(december, "2021-12-13") and near_period(december, "2022-03-01")
    assert near_period(december, "2021-09-15")  # events are spoken of beforehand too
    assert not near_period(december, "2022-08-05") and not near_period(december, "2021-08-01")
    assert near_period(named_period("in 2021"), "2023-01-01")  # a year: no verdict
    assert near_period(december, "") and near_period(december, "2022")  # no full date


def test_a_days_name_is_a_date_not_a_name_replies_must_mention():
    from rag.abstain import named_phrases

    assert named_phrases("Which press secretary, asked on Inauguration Day 2021 whether the "
                         "Senate trial would undercut unity, said it could multitask?") == [
        "Senate"]
    assert "Christmas Eve" not in named_phrases("What did China say on Christmas Eve?")


def test_a_title_alone_names_an_office_not_someone_replies_must_mention():
    from rag.abstain import named_phrases

    assert named_phrases("Would Biden wait until Rishi Sunak had met the King?") == [
        "Biden", "Rishi Sunak"]
    assert named_phrases("What did the Foreign Minister say?") == []
    assert named_phrases("What did King Charles say?") == ["King Charles"]  # a name after it


def test_the_kind_of_place_alone_is_no_name_replies_must_mention():
    from rag.abstain import named_phrases

    assert named_phrases("Did the US back a push into the south of the Strip?") == ["US"]
    assert named_phrases("Was aid reaching the Gaza Strip?") == ["Gaza Strip"]


def test_an_acronym_written_with_full_stops_is_also_one_word():
    from rag.abstain import words_of

    assert {"d", "c", "dc", "bill"} <= words_of("The Secure D.C. bill passed.")
    frequency = {"secure": 30, "dc": 2}
    assert unmentioned_names("What about the Secure DC bill?", ["the Secure D.C. bill"],
                             frequency, 100) == []


def test_a_briefing_before_a_named_day_does_not_tell_what_happened_that_day():
    from rag.abstain import near_period
    from rag.dates import named_period

    question = ("What agreements did Premier Li Keqiang and Chancellor Merkel reach in their "
                "video conference of June 11, 2020?")
    day = named_period(question)
    assert not near_period(day, "2020-06-10", question)  # it only previewed the call
    assert near_period(day, "2020-06-11", question) and near_period(day, "2020-06-15", question)
    ahead = "What did China say ahead of the video conference of June 11, 2020?"
    assert near_period(named_period(ahead), "2020-06-10", ahead)
    present = "What is on the agenda of the video conference of June 11, 2020?"
    assert near_period(named_period(present), "2020-06-10", present)


def test_the_best_candidate_far_from_the_named_month_is_set_aside(hash_settings):
    from conftest import exchange, make_briefing, write_index

    from rag.answer import Podium

    august = make_briefing("wh-2022-08-05", "2022-08-05", "Press Briefing, August 5, 2022")
    write_index(hash_settings, [(august, exchange(
        august, ("AP", "What disaster assistance is going to Kentucky?"),
        ("Karine Jean-Pierre", "The President authorized additional disaster assistance for "
                               "Kentucky.")))])
    engine = Podium(hash_settings)
    asked = engine.ask("What disaster assistance for Kentucky did the President authorize "
                       "in December 2021?")
    assert asked.abstained and not asked.quotes
    assert "asks about December 2021" in asked.message and "months away" in asked.message
    # without the date, or as the dates-off baseline, the August answer is quoted
    assert engine.ask("What disaster assistance for Kentucky did the President authorize?").quotes
    from rag.retrieve import PIPELINES
    assert engine.ask("What disaster assistance for Kentucky did the President authorize "
                      "in December 2021?", pipeline=PIPELINES["podium-no-dates"]).quotes


def test_a_reply_far_from_the_named_month_gives_no_figure_or_name_for_it(hash_settings):
    """The January 2025 reply gives no city; the January 2022 one names cities, but it is
    three years away from the month asked about, so it does not answer either."""
    from conftest import exchange, make_briefing, write_index

    from rag.answer import Podium

    late = make_briefing("wh-2025-01-10", "2025-01-10", "Press Briefing, January 10, 2025")
    early = make_briefing("wh-2022-01-05", "2022-01-05", "Press Briefing, January 5, 2022")
    write_index(hash_settings, [
        (late, exchange(late, ("AP", "In which city will the President's office be set up?"),
                        ("Karine Jean-Pierre", "I don't have a location for the office "
                                               "of the President for you."))),
        (early, exchange(early, ("AP", "In which city will the President's office be set up?"),
                         ("Jen Psaki", "The office of the President is set up in Wilmington "
                                       "and Scranton, as it was.")))])
    question = "In which city will the President's office be set up, as said in January 2025?"
    answer = Podium(hash_settings).ask(question)
    assert answer.abstained and 'asks for a name ("which city")' in answer.message
    # asked without the month, the 2022 reply answers
    assert "Wilmington" in Podium(hash_settings).ask(
        "In which city will the President's office be set up?").quotes[0].text
