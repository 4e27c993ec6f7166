"""
Tests for factreg.extract on patterns of real news (issue 14), with made-up sentences:
claimant plausibility, wire tags, citation verbs, references, clause boundaries.
"""

from __future__ import annotations

from factreg.extract import extract_claims
from factreg.extract.names import claimant_core, plausible_claimant, whole_outlet


def _chains(text: str, publisher: str = "P") -> list[tuple[str, tuple[str, ...]]]:
    return [(c.text, c.attribution) for c in extract_claims(text, publisher=publisher)]


class TestClaimantPlausibility:
    def test_plausible_claimant_rejects_fragments_pronouns_and_function_words(self) -> None:
        """
        A clause fragment, a pronoun, a function word, one token of a multi-word outlet
        or text running over a sentence end is never a claimant, in either language.
        """
        junk = [
            "has been",
            "he",
            "though a spokesperson",
            "as the number of cases climbed to 95 in eight",
            "doing anything unlawful",
            "December. Officials",
            "فيها",
            "مشيرة",
            "أمس هذه المعلومات ووصفها",
            "أصدره البنك",
            "سي",
            "",
        ]
        names = [
            "U.S. officials",
            "Philip Kensinger Jr.",
            "people who have seen the report",
            "planning department",
            "source inside the coalition fighting the Islamic State group",
            "مصدر أمني مقرب من الحكومة",
            "رائد الشبول",
            "وكالة الأنباء السعودية",
            "سي ان ان",
        ]

        assert [] == [n for n in junk if plausible_claimant(n)]
        assert names == [n for n in names if plausible_claimant(n)]

    def test_claimant_core_takes_the_source_out_of_a_fragment(self) -> None:
        """The source inside a fragment: after a sentence end, without a clause opener."""
        assert "spokesperson" == claimant_core("though a spokesperson")
        assert "Officials" == claimant_core("December. Officials")
        assert "المصدر" == claimant_core("بينما المصدر")
        assert "The Guardian" == claimant_core("The Guardian")

    def test_whole_outlet_for_one_token(self) -> None:
        """«سي» is «سي ان ان»; "New" is the "New York Times" named before."""
        assert "سي ان ان" == whole_outlet("سي")
        assert "New York Times" == whole_outlet("New", ["New York Times"])
        assert whole_outlet("Reuters") is None

    def test_fragment_claimant_falls_back_to_a_plausible_source(self) -> None:
        """
        "…, though a spokesperson later told The Hill that C" credits the spokesperson,
        not "though a spokesperson"; a claim whose only source would be junk is the
        publisher's, never a fragment's.
        """
        en = (
            "The company gave no figure, though a spokesperson later told The Hill that "
            "3 million customers were affected."
        )
        claims = extract_claims(en, publisher="The Hill")

        assert all(plausible_claimant(c.claimant) for c in claims)
        assert ("spokesperson",) in [c.attribution for c in claims]
        ar = "وأفاد بيان أصدره البنك بأن لجنة السياسة النقدية رفعت الفائدة إلى 11.75 في المئة."
        [claim] = extract_claims(ar, publisher="الحياة")
        assert ("البنك",) == claim.attribution


class TestNewsForms:
    def test_agency_between_slashes_makes_a_wire(self) -> None:
        """
        «واشنطن في 3 أكتوبر / العمانية /» opens a wire of the Oman News Agency: the
        agency leads every chain and owns the unattributed statements.
        """
        text = (
            "واشنطن في 3 أكتوبر / العمانية / ارتفع عدد القتلى في المدينة إلى 59 شخصا. "
            "وقال قائد الشرطة إن عدد المصابين وصل إلى 527 شخصا."
        )

        assert [
            ("ارتفع عدد القتلى في المدينة إلى 59 شخصا", ("العمانية",)),
            ("عدد المصابين وصل إلى 527 شخصا", ("العمانية", "قائد الشرطة")),
        ] == _chains(text, publisher="عمان")

    def test_outlet_reported_with_awrada(self) -> None:
        """«أوردت صحيفة "X" أن C» reports C; «وبحسب الصحيفة» later refers to X."""
        text = (
            'أوردت صحيفة "الخبر" العبرية أن 3 دول عربية وافقت على الخطة. '
            "وبحسب الصحيفة، التقى الوزراء 4 مرات في القاهرة."
        )

        assert [("الخبر",), ("الخبر",)] == [chain for _, chain in _chains(text)]

    def test_title_then_name_after_a_comma_is_the_person(self) -> None:
        """
        «قائد شرطة المدينة، جوزيف لومباردو» and "the city's police chief, Joseph
        Lombardo" name the person; «ووضح لومباردو» and "Lombardo added" find him again.
        """
        ar = (
            "وقال قائد شرطة المدينة، جوزيف لومباردو، إن 527 شخصا أصيبوا. "
            "ووضح لومباردو أنه تم إرسال 40 خبيرا إلى المنزل."
        )
        en = (
            "The city's police chief, Joseph Lombardo, said 527 people were wounded. "
            "Lombardo added that 40 experts were sent to the house."
        )

        assert [("جوزيف لومباردو",), ("جوزيف لومباردو",)] == [c for _, c in _chains(ar)]
        assert [("Joseph Lombardo",), ("Joseph Lombardo",)] == [c for _, c in _chains(en)]

    def test_source_telling_the_outlet_is_nested_in_its_report(self) -> None:
        """
        «وزعمت الصحيفة أن مصدرا أمنيا قال لها بأن C»: the outlet, then the source that
        told it, and C alone; a bare «قال لها» is no speaker named «لها».
        """
        text = (
            'ذكرت صحيفة "الخبر" أن 3 مواقع قصفت في سيناء. '
            "وزعمت الصحيفة أن مصدرا أمنيا قال لها بأن 12 جنديا قتلوا في الهجوم."
        )

        assert [
            ("3 مواقع قصفت في سيناء", ("الخبر",)),
            ("12 جنديا قتلوا في الهجوم", ("الخبر", "مصدرا أمنيا")),
        ] == _chains(text)

    def test_opening_adverbial_is_not_a_claim_before_its_frame(self) -> None:
        """
        "In Gaza, officials said C" and "On Tuesday, the ministry said C" report C; "C,
        officials said" still reports what came before.
        """
        assert [("5 people died in the floods", ("officials",))] == _chains(
            "In Gaza, officials said 5 people died in the floods."
        )
        assert [("40 people died in the floods", ("ministry",))] == _chains(
            "On Tuesday, the ministry said 40 people died in the floods."
        )
        assert [("In Gaza five people died", ("officials",))] == _chains(
            "In Gaza five people died, officials said."
        )
        assert [("40 شخصا قتلوا في الفيضانات", ("الوزارة",))] == _chains(
            "وفي غزة، قالت الوزارة إن 40 شخصا قتلوا في الفيضانات."
        )

    def test_name_then_title_between_commas(self) -> None:
        """ "Smith, a spokesman, said C": Smith, not "Smith, a spokesman"."""
        assert [("527 people were wounded in the shooting", ("Smith",))] == _chains(
            "Smith, a spokesman, said 527 people were wounded in the shooting."
        )

    def test_long_subject_before_told(self) -> None:
        """
        "A source inside the coalition fighting the militant group has told the BBC C":
        a subject of many words, no clause of its own, is still the source.
        """
        assert [
            (
                "civilians have been killed in RAF air strikes",
                ("source inside the coalition fighting the militant group",),
            )
        ] == _chains(
            "A source inside the coalition fighting the militant group has told the BBC that "
            "civilians have been killed in RAF air strikes.",
            publisher="BBC",
        )

    def test_quotation_opening_the_reported_clause(self) -> None:
        """
        'The ministry says "everything possible" is done to C': the clause goes on after
        the quotation, in «وتقول الوزارة "كل ما هو ممكن" يتم لحماية …» too; a quoted outlet
        name ('صحيفة "وول ستريت جورنال"') is still a name.
        """
        assert [('"everything possible" is done to protect 40 villages', ("ministry",))] == _chains(
            'The ministry says "everything possible" is done to protect 40 villages.'
        )
        assert [('"كل ما هو ممكن" يتم لحماية 40 قرية من القصف', ("الوزارة",))] == _chains(
            'وتقول الوزارة "كل ما هو ممكن" يتم لحماية 40 قرية من القصف.'
        )
        assert [("40 شخصا قتلوا", ("وول ستريت جورنال",))] == _chains(
            'وذكرت صحيفة "وول ستريت جورنال" أن 40 شخصا قتلوا.'
        )

    def test_subject_with_a_relative_clause_between_commas(self) -> None:
        """
        "The source, who has not been named to protect his identity, says C": the source
        named before, not the last speaker.
        """
        text = (
            "A source inside the coalition told the BBC that 12 civilians were killed in "
            "Mosul. The ministry says 3 strikes hit the city. The source, who has not been "
            "named to protect his identity, says 40 bombs strayed off target."
        )

        assert [
            ("source inside the coalition",),
            ("ministry",),
            ("source inside the coalition",),
        ] == [c for _, c in _chains(text, publisher="BBC")]


class TestClauses:
    def test_coordinated_singular_verbs_split_arabic_clauses(self) -> None:
        """
        «…، ورفعت أسعار الفائدة …» (a feminine perfect), «، وفي حين برأت …», «وهذه
        الجرائم …», «، وقتل …» (an event verb): each opens a claim of its own.
        """
        text = (
            "وخفضت مصر قيمة عملتها إلى 8.78 جنيه في مارس، ورفعت أسعار الفائدة بمقدار 150 "
            "نقطة أساس في أبريل. "
            "وحكمت المحكمة بسجن ثلاثة متهمين 3 سنوات، وفي حين برأت أربعة متهمين في القضية. "
            "واقتحم مسلحون قرية في دارفور يوم الاثنين، وقتل 12 شخصا في الهجوم."
        )

        assert [
            "وخفضت مصر قيمة عملتها إلى 8.78 جنيه في مارس",
            "ورفعت أسعار الفائدة بمقدار 150 نقطة أساس في أبريل",
            "وحكمت المحكمة بسجن ثلاثة متهمين 3 سنوات",
            "وفي حين برأت أربعة متهمين في القضية",
            "واقتحم مسلحون قرية في دارفور يوم الاثنين",
            "وقتل 12 شخصا في الهجوم",
        ] == [t for t, _ in _chains(text)]

    def test_coordinated_irregular_past_splits_english_clauses(self) -> None:
        """
        "NBC News took her off the air in 2017 and she left the company in early 2019":
        an irregular past verb after a new subject opens a clause, as "-ed" forms do; a
        noun after "and" does not ("tanks and troops").
        """
        assert [
            "NBC News took her off the air in 2017",
            "she left the company in early 2019",
        ] == [
            t
            for t, _ in _chains(
                "NBC News took her off the air in 2017 and she left the company in early 2019."
            )
        ]
        assert ["Russia sent 40 tanks and 3,000 troops to the border in March"] == [
            t for t, _ in _chains("Russia sent 40 tanks and 3,000 troops to the border in March.")
        ]


class TestReferences:
    def test_same_source_refers_to_the_last_one(self) -> None:
        """«وكشف نفس المصدر», «المصدر ذاته», "the same source said": the source cited last."""
        ar = (
            "وأشارت صحيفة ليكيب الرياضية اليومية إلى أن 3 لاعبين انتقلوا إلى باريس. "
            "وكشف نفس المصدر عن أن النادي سيدفع 150 مليون يورو. "
            "وأضاف المصدر ذاته أن العقد مدته 5 سنوات."
        )
        en = (
            "A police official told Reuters that 12 people were arrested in Brussels. "
            "The same source said 3 of them were detained at the airport."
        )

        assert [("ليكيب",)] * 3 == [c for _, c in _chains(ar)]
        assert [("Reuters", "police official")] * 2 == [c for _, c in _chains(en)]

    def test_outlet_without_its_describing_adjectives(self) -> None:
        """
        «صحيفة ليكيب الرياضية اليومية» is «ليكيب», «صحيفة هآرتس العبرية» «هآرتس»; «صحيفة
        صدى البلد» keeps «البلد», which is its name.
        """
        assert [("هآرتس",)] == [
            c for _, c in _chains("وذكرت صحيفة هآرتس العبرية أن 40 جنديا قتلوا.")
        ]
        assert [("صدى البلد",)] == [
            c for _, c in _chains("وذكرت صحيفة صدى البلد أن 40 جنديا قتلوا.")
        ]

    def test_outlet_named_with_its_kind(self) -> None:
        """
        "Belgium's Belga news agency" is "Belga"; «وكالة الأنباء البلجيكية» keeps its
        nationality, which is its name.
        """
        assert [("6 arrests in Brussels", ("Belga", "prosecutor"))] == _chains(
            "According to Belgium's Belga news agency, the prosecutor confirmed 6 arrests in "
            "Brussels.",
            publisher="DW",
        )
        assert [("وكالة الأنباء البلجيكية",)] == [
            c
            for _, c in _chains(
                "وبحسب وكالة الأنباء البلجيكية، اعتقلت الشرطة 6 رجال في بروكسل.", publisher="DW"
            )
        ]

    def test_confirming_what_was_told_is_the_publishers_report(self) -> None:
        """
        "According to Belga, the prosecutor has confirmed the arrests.": a short definite
        object refers back; the confirmation is the claim, credited to Belga, not "the
        arrests" to the prosecutor. «وأكدت الوزارة الخبر» likewise is no claim of the
        ministry's about «الخبر».
        """
        assert [("the prosecutor has confirmed the arrests", ("Belga",))] == _chains(
            "According to the Belga news agency, the prosecutor has confirmed the arrests.",
            publisher="DW",
        )
        assert all(
            c.text != "الخبر"
            for c in extract_claims("وأكدت وزارة الداخلية البلجيكية الخبر.", publisher="DW")
        )

    def test_publisher_owning_the_source_is_left_out(self) -> None:
        """ "ABC's law enforcement sources said C" in ABC News' article: the sources."""
        assert [("the denial was meant only for 3 members", ("law enforcement sources",))] == (
            _chains(
                "ABC's law enforcement sources said the denial was meant only for 3 members.",
                publisher="ABC News",
            )
        )

    def test_verb_and_object_is_no_source(self) -> None:
        """
        "One focus involves a letter Hastert wrote in 2003 …" names no source: no claim
        is credited to "One focus involves a letter Hastert", and a later "Hastert" is
        not resolved to it.
        """
        assert not plausible_claimant("One focus involves a letter Hastert")
        text = (
            "One focus involves a letter Hastert wrote in 2003 urging the minister to block "
            "a casino in Illinois."
        )
        assert all(
            "involves" not in (c.claimant or "") for c in extract_claims(text, publisher="ABC")
        )


class TestEnglishVerbPhrases:
    def test_denial_of_a_noun_is_the_publishers_report(self) -> None:
        """
        "Lauer has denied all allegations of misconduct in 2017": the publisher reports
        the denial (the allegations are no claim of Lauer's); "denied that C" is his.
        """
        assert [("Lauer has denied all allegations of misconduct in 2017", ())] == _chains(
            "Lauer has denied all allegations of misconduct in 2017."
        )
        assert [("he met the lobbyist 3 times", ("Hastert",))] == _chains(
            "Hastert denied that he met the lobbyist 3 times."
        )

    def test_second_verb_phrase_reports_for_the_subject(self) -> None:
        """
        "Hastert has denied X and says C", "The bank raised rates to 5% and said C": C is
        the subject's (named as the article named it), the first verb phrase apart.
        """
        text = (
            "Speaker Dennis Hastert said the story was false. Hastert has denied doing "
            "anything unlawful and says he opposed 3 casinos in 2003."
        )
        assert [
            ("the story was false", ("Dennis Hastert",)),
            ("Hastert has denied doing anything unlawful", ()),
            ("he opposed 3 casinos in 2003", ("Dennis Hastert",)),
        ] == _chains(text, publisher="ABC News")
        assert [
            ("The bank raised rates to 5%", ()),
            ("inflation was 7%", ("bank",)),
        ] == _chains("The bank raised rates to 5% and said inflation was 7%.")

    def test_described_document_is_the_source_as_written(self) -> None:
        """
        «كشفت دراسة حديثة أن C» is the study's, named whole («دراسة حديثة», never the
        adjective «حديثة»); «تقرير منظمة الصحة» is still the body's; "A new study found
        that C" is the study's too.
        """
        assert [("40 شخصا يتأثرون بالإشعاع", ("دراسة حديثة",))] == _chains(
            "كشفت دراسة حديثة أن 40 شخصا يتأثرون بالإشعاع."
        )
        assert [("40 شخصا قتلوا", ("منظمة الصحة",))] == _chains(
            "وذكر تقرير منظمة الصحة أن 40 شخصا قتلوا."
        )
        [claim] = extract_claims("A new study showed that 40 people were affected.", publisher="P")
        assert "study" in (claim.claimant or "")

    def test_counted_noun_and_participle_adjective_are_no_report(self) -> None:
        """
        "in eight states and Mexico" (a counted noun), "25 confirmed cases", "have
        confirmed measles cases" (an adjective) are no reporting verbs; "Officials
        reported one case" still is. (Arabic writes these apart: «حالات مؤكدة».)
        """
        assert [
            (
                "The outbreak has spread to Michigan, as the number of cases climbed to 95 in "
                "eight states and Mexico",
                ("officials",),
            )
        ] == _chains(
            "The outbreak has spread to Michigan, as the number of cases climbed to 95 in "
            "eight states and Mexico, officials said Wednesday."
        )
        assert [("Orange County now has 25 confirmed cases", ())] == _chains(
            "Orange County now has 25 confirmed cases."
        )
        assert [("one case in Michigan", ("Officials",))] == _chains(
            "Officials reported one case in Michigan."
        )


class TestRound2:
    def test_gloss_clause_is_the_publishers(self) -> None:
        """
        A clause in which the writer comments on a report ("…, echoing …", «، وهي …»)
        is the publisher's own statement: it keeps no attribution of the sentence.
        """
        en = dict(
            _chains(
                "Witnesses said the bridge had collapsed, echoing the 1998 disaster in Riverton "
                "which killed 40 people."
            )
        )
        assert en["the bridge had collapsed"] == ("Witnesses",)
        assert en["echoing the 1998 disaster in Riverton which killed 40 people"] == ()
        ar = dict(
            _chains(
                "وقال مسؤول عسكري إن الغارات نفذت بمعلومات قدمتها فرنسا، وهي حادثة نادرة "
                "للتعاون بين البلدين منذ عام 2010."
            )
        )
        assert ar["الغارات نفذت بمعلومات قدمتها فرنسا"] == ("مسؤول عسكري",)
        assert ar["وهي حادثة نادرة للتعاون بين البلدين منذ عام 2010"] == ()

    def test_fullest_name_from_an_earlier_mention(self) -> None:
        """
        A surname or an acronym resolves to the fullest name an earlier sentence gave,
        even when that sentence only mentioned the source (no report of theirs).
        """
        en = _chains(
            "The transport minister, Peter Hall, resigned on Friday. The Ministry of "
            "Transport's budget was cut in 2019.\n\n"
            "Hall said in a statement that he had done nothing wrong. The MoT said 40 staff "
            "had left since March."
        )
        assert ("he had done nothing wrong", ("Peter Hall",)) in en
        assert ("40 staff had left since March", ("Ministry of Transport",)) in en
        ar = _chains(
            "استقال وزير النقل سامي الحداد يوم الجمعة بعد فضيحة العقود.\n\n"
            "وقال الحداد في بيان إن الوزارة أنفقت 40 مليون دينار على المشروع."
        )
        assert ("الوزارة أنفقت 40 مليون دينار على المشروع", ("سامي الحداد",)) in ar

    def test_fullest_name_skips_titles_and_verbs(self) -> None:
        """
        The word before a surname is a given name only if it can be one: not a title
        ("President Hall"), a reporting verb («وقال الحداد») or a preposition.
        """
        en = _chains("President Hall visited Paris on Monday. Hall said 12 people were hurt.")
        assert ("12 people were hurt", ("Hall",)) in en
        ar = _chains("وقال الحداد إن القصف بدأ فجرا. وأضاف الحداد أن 12 شخصا أصيبوا.")
        assert all(chain == ("الحداد",) for _, chain in ar)

    def test_arabic_past_verb_opening_a_clause_is_an_event(self) -> None:
        """
        An Arabic clause opened by a past verb no list holds («وعانت», «وألزمتهم», «ولم
        ترد») reports an event and is kept, as "the country suffered" is in English.
        """
        texts = [
            c.text
            for c in extract_claims(
                "وعانت المدينة نقصا حادا في المياه بعد الحرب. وألزمتهم بدفع الغرامات كاملة. "
                "ولم ترد حتى الآن تقارير عن وقوع إصابات.",
                publisher="P",
            )
        ]
        assert texts == [
            "وعانت المدينة نقصا حادا في المياه بعد الحرب",
            "وألزمتهم بدفع الغرامات كاملة",
            "ولم ترد حتى الآن تقارير عن وقوع إصابات",
        ]

    def test_statement_of_unknown_is_no_claim(self) -> None:
        """
        "It was unclear whether …", "could not be independently verified", «ولم يتضح
        بعد …», «ولم يتسن التحقق …» state what is not known: no claims; the facts around
        them stay.
        """
        en = [
            c.text
            for c in extract_claims(
                "Police said 12 people were killed in the blast on Monday. It was unclear from "
                "the police statement whether the victims were soldiers. The figures could not "
                "be independently verified.",
                publisher="P",
            )
        ]
        assert en == ["12 people were killed in the blast on Monday"]
        ar = [
            c.text
            for c in extract_claims(
                "وقالت الشرطة إن 12 شخصا قتلوا في الانفجار يوم الاثنين. ولم يتضح بعد مصير "
                "السائق. ولم يتسن التحقق من هذه الأرقام من مصادر مستقلة.",
                publisher="P",
            )
        ]
        assert ar == ["12 شخصا قتلوا في الانفجار يوم الاثنين"]

    def test_no_carry_over_without_a_continuation(self) -> None:
        """
        Attribution is carried from earlier text only where the sentence continues it:
        a quotation closing the previous paragraph is not what "X told CNN" reports, and
        a subject that names nobody ("it added") is not the last speaker. (English: the
        Arabic frames need their complementiser «أن» and do not take a quotation before
        them.)
        """
        quoted = _chains(
            "Byard said: “I am honored to have been nominated for the post in 2017.”\n\n"
            "A senior official told CNN the White House was informed of the request."
        )
        assert ("the White House was informed of the request", ("CNN", "senior official")) in (
            quoted
        )
        wire = _chains(
            "ANKARA (Reuters) - Police detained 12 suspects on Monday, security sources "
            "said.\n\nEach of the suspects was allegedly planning an attack, it added.",
            publisher="Daily Sabah",
        )
        text, chain = wire[-1]
        assert text.startswith("Each of the suspects was allegedly planning an attack")
        assert chain == ("Reuters",)
        ar = _chains(
            "وقال مسؤول أمني إن الشرطة اعتقلت 12 شخصا. وأضاف أن 3 منهم أجانب.", publisher="P"
        )
        assert [chain for _, chain in ar] == [("مسؤول أمني",), ("مسؤول أمني",)]

    def test_label_line_is_no_claim(self) -> None:
        """
        A paragraph of a few words without final punctuation or number (a subheading, an
        author's name, a credit) asserts nothing: no claim, in either language.
        """
        en = _chains(
            "Police arrested 12 people on Monday in Paris.\n\nHuman shields\n\n"
            "The suspects were aged 18 to 25.\n\nJane Roe\n\nblc/jr (AP, Reuters)"
        )
        assert [t for t, _ in en] == [
            "Police arrested 12 people on Monday in Paris",
            "The suspects were aged 18 to 25",
        ]
        ar = _chains("الخليج - الإمارات\n\nاعتقلت الشرطة 12 شخصا يوم الاثنين في دبي.")
        assert [t for t, _ in ar] == ["اعتقلت الشرطة 12 شخصا يوم الاثنين في دبي"]

    def test_refusal_to_comment_is_no_claim(self) -> None:
        """
        "X declined to comment", «ورفضت الوزارة التعليق», «رفض الكشف عن …» report that
        nothing was said: no claim.
        """
        en = _chains(
            "Police arrested 12 people on Monday in Paris. The Interior Ministry declined to "
            "comment."
        )
        assert [t for t, _ in en] == ["Police arrested 12 people on Monday in Paris"]
        ar = _chains(
            "اعتقلت الشرطة 12 شخصا يوم الاثنين في باريس. ورفضت وزارة الداخلية الفرنسية "
            "التعليق. إلا أن المتحدث رفض الكشف عن أسماء المعتقلين الفرنسيين."
        )
        assert [t for t, _ in ar] == ["اعتقلت الشرطة 12 شخصا يوم الاثنين في باريس"]

    def test_condition_clause_is_no_claim(self) -> None:
        """
        A clause that is a condition ("If found guilty", "once the papers are signed",
        «وإذا ثبتت إدانته») asserts no fact of its own; the clause it conditions stays.
        """
        en = _chains(
            "Police charged the man on Monday. If found guilty, he can be jailed for up to "
            "10 years."
        )
        assert "If found guilty" not in [t for t, _ in en]
        assert "Police charged the man on Monday" in [t for t, _ in en]
        ar = _chains(
            "ووجهت النيابة العامة تهمة القتل إلى الرجل يوم الاثنين. وإذا ثبتت إدانته، فقد "
            "يسجن عشر سنوات."
        )
        assert "وإذا ثبتت إدانته" not in [t for t, _ in ar]
        assert "ووجهت النيابة العامة تهمة القتل إلى الرجل يوم الاثنين" in [t for t, _ in ar]

    def test_gloss_clause_scores_as_part_of_the_report(self) -> None:
        """
        The writer's comment keeps no chain but scores as a clause of a reported sentence
        does: taking the chain away does not drop it under the threshold.
        """
        ar = dict(
            _chains(
                "وقال مسؤول عسكري لوكالة رويترز إن الغارات نفذت بمعلومات قدمتها فرنسا، وهي "
                "حادثة نادرة."
            )
        )
        assert ar["وهي حادثة نادرة"] == ()

    def test_contrast_splits_clauses_without_a_comma(self) -> None:
        """
        «C1 غير أن C2» and "C1, however, C2" join two checkable clauses: each is a claim
        (a "however" after the subject, "The plan, however, was …", splits nothing).
        """
        ar = [t for t, _ in _chains("الأردن يعارض الخطة رسميا غير أن الملك وافق عليها في مايو.")]
        assert ar == ["الأردن يعارض الخطة رسميا", "غير أن الملك وافق عليها في مايو"]
        en = [
            t
            for t, _ in _chains(
                "Barcelona offered a larger fee for Fernandes, however, a significant part of "
                "that figure would not be paid until the summer."
            )
        ]
        assert en[0] == "Barcelona offered a larger fee for Fernandes"
        assert _chains("The plan, however, was rejected on Monday.") == [
            ("The plan, however, was rejected on Monday", ())
        ]


class TestProbes:
    """Made-up news forms that the dev articles do not hold (extract2-probes branch)."""

    def test_quote_then_said_and_speaker(self) -> None:
        """'"Q," said X' credits X, whatever word closes the quotation ("this")."""
        assert _chains('"We have never seen water like this," said Musa Bello.') == [
            ("We have never seen water like this", ("Musa Bello",))
        ]

    def test_report_in_a_subordinate_clause_of_a_short_sentence(self) -> None:
        """
        "X resigned after a newspaper revealed that C": the main clause is the
        publisher's, C the newspaper's, and "resigned" is nobody («استقال بعد أن كشفت»
        is written with the verb first in Arabic and needs no such rule).
        """
        assert _chains(
            "The minister resigned on Friday after a newspaper revealed that his brother's "
            "firm had won a contract."
        ) == [
            ("The minister resigned on Friday", ()),
            ("his brother's firm had won a contract", ("newspaper",)),
        ]

    def test_pluperfect_subject_before_the_verb(self) -> None:
        """«وكان X قد أفاد في وقت سابق بأن C»: X, not the last speaker."""
        chains = _chains(
            "وقالت الأمم المتحدة إن 300 شخص قتلوا. وكان المرصد السوري لحقوق الإنسان قد أفاد "
            "في وقت سابق بأن الطيران شن 20 غارة على المدينة."
        )
        assert chains[-1] == ("الطيران شن 20 غارة على المدينة", ("المرصد السوري لحقوق الإنسان",))

    def test_wire_footers_and_colon_datelines(self) -> None:
        """
        "Copyright 2023 The Associated Press. All rights reserved." and a closing
        «(أ ف ب)» mark a wire and are no claims; "— With AFP" is no claim; "RIYADH: C"
        is a dateline, not a source.
        """
        assert _chains(
            "Police arrested 12 people on Monday in Paris.\n\n"
            "Copyright 2023 The Associated Press. All rights reserved."
        ) == [("Police arrested 12 people on Monday in Paris", ("Associated Press",))]
        assert _chains("اعتقلت الشرطة الفرنسية 12 شخصا يوم الاثنين في باريس.\n\n(أ ف ب)") == [
            ("اعتقلت الشرطة الفرنسية 12 شخصا يوم الاثنين في باريس", ("فرانس برس",))
        ]
        assert _chains("Police arrested 12 people on Monday in Riyadh.\n\n— With AFP") == [
            ("Police arrested 12 people on Monday in Riyadh", ())
        ]
        assert _chains("RIYADH: Saudi Arabia recorded 12 new cases on Monday.") == [
            ("Saudi Arabia recorded 12 new cases on Monday", ())
        ]

    def test_name_particles_in_latin_script(self) -> None:
        """ "al-Sudani", "bin Salman" are part of a titled person's name; "Sudani" refers to it."""
        chains = _chains(
            "Iraqi Prime Minister Mohammed Shia al-Sudani said on Wednesday that his "
            "government had not been informed. Sudani added that Iraq would decide alone."
        )
        assert [c for _, c in chains] == [("Mohammed Shia al-Sudani",)] * 2

    def test_arabic_listener_agency_after_a_workplace(self) -> None:
        """
        «مسؤول في وزارة X لوكالة فرانس برس»: the agency told is the outer source; «في وكالة
        …» is where the official works, nobody told.
        """
        assert _chains("وقال مسؤول في وزارة الصحة لوكالة فرانس برس إن 20 شخصا قتلوا.") == [
            ("20 شخصا قتلوا", ("فرانس برس", "مسؤول في وزارة الصحة"))
        ]
        assert _chains("وقال مسؤول في وكالة إدارة الطوارئ إن 20 شخصا قتلوا.") == [
            ("20 شخصا قتلوا", ("مسؤول في وكالة إدارة الطوارئ",))
        ]

    def test_apposed_titled_name_and_relative_clause_with_a_number(self) -> None:
        """
        "The military spokesman, Lt. Col. Peter Lerner, said" credits the name without
        its titles; "The company, which employs 3,000 people, said C" keeps the company
        as the source, not the report's first words.
        """
        assert _chains(
            "The Israeli military spokesman, Lt. Col. Peter Lerner, said 20 rockets were fired."
        ) == [("20 rockets were fired", ("Peter Lerner",))]
        assert _chains(
            "The company, which employs 3,000 people, said profits fell 20 percent."
        ) == [("profits fell 20 percent", ("company",))]

    def test_relayed_citation_nests_inside_the_reporter(self) -> None:
        """
        «وذكرت رويترز نقلا عن مصدرين أن C», "CNN, quoting a senior official, said C": the
        one cited reached print through the reporter, so it comes second in the chain.
        """
        assert _chains("وذكرت وكالة رويترز نقلا عن مصدرين مطلعين أن 20 طائرة أسقطت.") == [
            ("20 طائرة أسقطت", ("رويترز", "مصدرين مطلعين"))
        ]
        assert _chains("CNN, quoting a senior official, said 20 drones were shot down.") == [
            ("20 drones were shot down", ("CNN", "senior official"))
        ]
