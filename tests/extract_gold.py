"""
Gold claims for claim extraction, and the measure both the tests and the bench use.

The gold lists come from a careful reading of each article, not from the extractor's
output. Granularity, as a fact-checker would register claims:

- one claim per independently checkable proposition: a clause with its own predicate;
  adverbials (time, place, manner), appositions and relative clauses describing the same
  event stay in its claim ("… زيارة لمصر، استغرقت عدة أيام، بحث خلالها …" is one claim);
- clauses opened by حيث، إذ، ولكن or a speech participle (مؤكدا), a coordinated finite
  verb ("، وحصلوا"), a second that-clause ("and that …") or a ؛ are claims of their own;
- a fact stated while naming the sources (the delegation "الذي يضم 11 من كبار مساعديه"
  described in the seed's "ونقلت الصحيفة عن … قولها" preamble) is a claim with the
  same attribution;
- opinions, hedged predictions, open questions and a headline restating the lead are not
  claims.

``quote`` is the gold span as an exact, unique substring of the article. Claimants follow
the extractor's documented conventions: the source as named in the article (whitespace
collapsed; a leading English article dropped, except in an outlet's own name such as "The
Guardian"); unnamed sources kept whole as written ("مراقبين"; a later "المراقبون" resolved
to it); a person by name, without the title, when the article gives the name ("Salem
Farouk" for "Health Minister Dr. Salem Farouk", "بشر الخصاونة" for "رئيس الوزراء الأردني
بشر الخصاونة" and for a later "الخصاونة": the fullest name given); an outlet named
after its kind by the name alone ("صدى البلد" for 'صحيفة "صدى البلد"'); "الصحيفة", "the
newspaper", "he" resolved to whom they refer. These are the conventions of
notes/gold-extract-spec.md (issue 14); the first gold lists used lexicon forms
("مراقبون") and titles, and were brought in line with the spec.
Attribution chains run outermost first, without the publisher; an unattributed statement
is the publisher's: claimant = publisher, chain = () (DESIGN.md's convention).

The English article (tests/data/english_article.txt) was written for these tests by the
author of the extractor, so its figures are a regression check, not an independent one.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import attrs

from factreg.extract import ExtractedClaim
from factreg.normalize import fold

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"

#: Where the seed article is looked for: the copy the lead places in the repository first,
#: then the shared seed next to the worktree.
SEED_PATHS = (
    ROOT / "claims" / "seed-article.txt",
    ROOT.parent / "shared" / "seeds" / "000_7552fdbd0b7b5339.txt",
)

#: An extracted claim finds a gold claim when their overlap covers at least this share of
#: the gold span AND of the extracted span: the claim is substantially the gold one, and
#: not a whole paragraph that happens to contain it. Gold and extracted claims are paired
#: one to one, best overlap first.
MIN_OVERLAP = 0.5


@attrs.frozen
class GoldClaim:
    """One claim a careful reader registers from the article."""

    quote: str
    claimant: str
    attribution: tuple[str, ...]
    hedged: bool = False


@attrs.frozen
class GoldArticle:
    """An article with its publisher and its gold claims."""

    name: str
    paths: tuple[Path, ...]
    publisher: str
    claims: tuple[GoldClaim, ...]
    lang: str | None = None
    split: str | None = None

    @property
    def path(self) -> Path | None:
        """The first of ``paths`` that exists, or None."""
        return next((p for p in self.paths if p.is_file()), None)

    def read(self) -> str | None:
        """The article text (UTF-8), or None when the file is absent."""
        path = self.path
        return None if path is None else path.read_text(encoding="utf-8")


_SEED_PUBLISHER = "عربي21"
_SADA = "صدى البلد"
_INFORMED = (_SADA, "مصادر مطلعة")
_OBSERVERS = ("مراقبين",)
_AMBASSADOR = ("إيفان مولوتكوف",)


def _own(quote: str, publisher: str) -> GoldClaim:
    return GoldClaim(quote, publisher, ())


def _cited(quote: str, chain: tuple[str, ...]) -> GoldClaim:
    return GoldClaim(quote, chain[-1], chain)


SEED = GoldArticle(
    name="seed (ar)",
    paths=SEED_PATHS,
    publisher=_SEED_PUBLISHER,
    claims=(
        # Haftar ended a secret several-day visit to Cairo on Wednesday, flying to Jordan;
        # the whole sentence is "according to Sada El Balad".
        _cited(
            "اختتم اللواء المتقاعد خليفة\nحفتر،\nزيارة سرية إلى القاهرة، الأربعاء، متوجها على"
            " رأس وفد بطائرة خاصة إلى الأردن، بعد زيارة لمصر، استغرقت عدة أيام، بحث خلالها"
            " دعم علاقات التعاون",
            (_SADA,),
        ),
        # The newspaper deleted Haftar's name minutes after publishing: the publisher's own
        # report about the newspaper.
        _own(
            'وسارعت الصحيفة إلى حذف اسم "خليفة حفتر" من على نص الخبر، بعد نشره بدقائق،'
            ' مستبدلة به وصف "مسؤول ليبي كبير"',
            _SEED_PUBLISHER,
        ),
        # The delegation of 11 senior aides, per informed sources via the newspaper.
        _cited("والوفد المرافق له، الذي يضم 11 من كبار مساعديه", _INFORMED),
        _cited(
            "إنهم التقوا خلال زيارتهم إلى مصر مع عدد من كبار المسؤولين والشخصيات لبحث آخر"
            " التطورات على الساحة الليبية، ودعم علاقات التعاون بين مصر وليبيا، خاصة في"
            " مواجهة التنظيمات الإرهابية",
            _INFORMED,
        ),
        # The fourth visit in a few months; the earlier ones (June, twice in July).
        _own("وزيارة حفتر إلى القاهرة، هي الرابعة من نوعها خلال بضعة أشهر", _SEED_PUBLISHER),
        _own(
            "إذ وصل إلى مصر في زيارة خاطفة، استغرقت ساعات عدة، قبل التوجه إلى روسيا، في"
            " حزيران/ يونيو الماضي، قبل زيارتين في شهر تموز/ يوليو الماضي",
            _SEED_PUBLISHER,
        ),
        # Observers' reading of the visit, and their report of whom he met.
        _cited(
            "إنها تأتي في إطار التواصل المستمر مع قيادة الانقلاب في مصر حول ا?وضاع في ليبيا،"
            ' وطلب الدعم في مواجهة ما يسميها حفتر "الجماعات المتطرفة"، وعلى رأسها تنظيم'
            ' الدولة "داعش"',
            _OBSERVERS,
        ),
        _cited(
            "حفتر التقى خلال زيارته إلى القاهرة، مسؤولين عسكريين مصريين يتابعون الملف الليبي",
            _OBSERVERS,
        ),
        # The recent trip to Russia and whom he consulted there.
        _own(
            "وتأتي الزيارة أيضا في أعقاب زيارة حفتر إلى روسيا، قبل أيام، التي بحث خلالها"
            " الدعم العسكري من خلال ضغط روسيا لرفع حظر تصدير ا?سلحة لليبيا، فضلا عن دعم"
            " سياسي دولي",
            _SEED_PUBLISHER,
        ),
        _own(
            "حيث أجرى حفتر مشاورات مع وزير الدفاع سيرغي شويغو، ووزير الخارجية سيرغي لافروف",
            _SEED_PUBLISHER,
        ),
        # The June trip to Russia, and what he asked for there.
        _own("وجاءت زيارة حفتر لروسيا بعد زيارة سابقة، في حزيران/ يونيو الماضي", _SEED_PUBLISHER),
        _own('حيث طلب دعما عسكريا له في مواجهة "الجماعات المتطرفة المسلحة"', _SEED_PUBLISHER),
        # Ambassador Ivan Molotkov's statement; "وقال" in the next sentence is still him.
        _cited(
            "أن من وصفه بالقائد العام للجيش الليبي خليفة حفتر التقى في موسكو وزير الدفاع"
            " الروسي سيرغي شويغو، وأمين مجلس الأمن الروسي نيكولاي باتروشيف",
            _AMBASSADOR,
        ),
        _cited("إن المجتمعين ناقشوا مسألة توريد الأسلحة الروسية إلى ليبيا", _AMBASSADOR),
        _cited(
            "مؤكدا رفض موسكو توريد أي أسلحة إلى ليبيا، قبل رفع حظر توريد الأسلحة المفروض من"
            " قبل مجلس الأمن الدولي أو تخفيفه على الأقل",
            _AMBASSADOR,
        ),
        # Press sources: Egyptian military planes at al-Kharruba airport last month.
        _cited(
            "وصول طائرات عسكرية مصرية إلى مطار الخروبة التابع لحفتر، في الشهر الماضي، محملة"
            " بمعدات عسكرية، في سابقة ليست ا?ولى من نوعها، التي ترسل فيها مصر مساعدات"
            ' عسكرية إلى قائد ما يعرف بـ"الجيش الوطني الليبي"',
            ("مصادر صحفية",),
        ),
        # Egyptian military personnel in Libya, and what they do there.
        _own(
            "ويوجد عسكريون مصريون في ليبيا، دعما لحفتر في عملياته العسكرية، من دون المشاركة"
            " الميدانية",
            _SEED_PUBLISHER,
        ),
        _own("ولكن يتعلق عملهم بالتخطيط للعمليات", _SEED_PUBLISHER),
        # Haftar relied on Egypt and the UAE; per some media, Cairo persuaded Tobruk.
        _own("وكان حفتر يعتمد دوليا، إلى وقت قريب، فقط، على مصر ودولة الإمارات", _SEED_PUBLISHER),
        _cited(
            "حيث إن القاهرة، بحسب بعض وسائل الإعلام، هي من أقنعت طبرق بالاتصال بموسكو",
            ("بعض وسائل الإعلام",),
        ),
        # October meetings of Haftar's representatives, and the recognition they obtained.
        _own(
            "ولكن ممثلي حفتر في تشرين الأول/ أكتوبر الماضي التقوا مع عدد من وزراء حكومة طبرق،"
            " ووزيري خارجية فرنسا وإيطاليا",
            _SEED_PUBLISHER,
        ),
        _own("وحصلوا على اعتراف بكون خليفة حفتر، أحد السياسيين الليبيين المؤثرين", _SEED_PUBLISHER),
    ),
)

_EN_PUBLISHER = "Coastal Herald"
_MINISTER = ("Salem Farouk",)
_CLINIC = ("Leila Ben Ali",)

ENGLISH = GoldArticle(
    name="english (en)",
    paths=(DATA / "english_article.txt",),
    publisher=_EN_PUBLISHER,
    claims=(
        _cited(
            "3.5 million people in eastern Libya need food aid,\nup from 2.1 million in January",
            ("U.N.",),
        ),
        _cited(
            "the World Food Programme will cut\nrations by 20 percent from April",
            ("Reuters", "two officials"),
        ),
        _cited("1,240 people had died in Derna", _MINISTER),
        _cited("300 were still missing", _MINISTER),
        _cited("We have enough fuel for the hospitals for nine days, not more", _CLINIC),
        # "She added": still Mrs. Ben Ali.
        _cited("two of the city's four\nhospitals had closed", _CLINIC),
        _cited(
            "the bloc had pledged\n€50 million in emergency aid",
            ("The Guardian", "senior EU diplomat"),
        ),
        # "According to the newspaper": The Guardian, named in the sentence before.
        _cited("the money will be paid in\ntwo instalments, the first in May", ("The Guardian",)),
        _cited("The dam above Derna had not been inspected since 2002", ("local engineers",)),
        _own(
            "The government has promised a full investigation, e.g. of the contracts signed in"
            " 2007",
            _EN_PUBLISHER,
        ),
        # Not claims: the opinion ("shameful … should resign"), the open question, and the
        # analysts' hedged prediction ("might slow").
        _cited("the airport at Labraq reopened on Jan. 9 after repairs", ("Salem Farouk",)),
        _cited("The storm struck the coast on Sept. 10", ("national weather service",)),
        _cited("it would send a further $11 million", ("U.S.",)),
    ),
)

_HELDOUT_PUBLISHER = "موقع الخبر"
_MINISTRY = ("وزارة الصحة السودانية",)
_SPOKESMAN = ("محمد عثمان",)
_TAYAR = ("التيار",)

#: Written and annotated after the extractor was built. First run: recall 0.91, claimant
#: and chain 0.40 (nominal "أعلنت الوزارة، الثلاثاء، ارتفاع …", the apposition "المتحدث
#: باسم الوزارة، محمد عثمان", "وفقا لتقديرات X", the title والي were not handled); the
#: extractor was then fixed for these, so it is held out no more.
HELDOUT = GoldArticle(
    name="held-out (ar)",
    paths=(DATA / "arabic_heldout.txt",),
    publisher=_HELDOUT_PUBLISHER,
    claims=(
        # "أعلنت الوزارة ارتفاع …": announced with a noun phrase, no أن.
        _cited("ارتفاع عدد ضحايا الفيضانات في ولاية نهر النيل\nإلى 87 قتيلا", _MINISTRY),
        _cited("لا يزال 14 شخصا في عداد المفقودين", _MINISTRY),
        _cited("فرق الإنقاذ انتشلت 12 جثة خلال الساعات الـ24 الماضية", _SPOKESMAN),
        _cited("أكثر من 3 آلاف منزل انهارت كليا", _SPOKESMAN),
        # "وأضاف": still the spokesman.
        _cited("الحكومة خصصت 500 مليون جنيه لإيواء المتضررين", _SPOKESMAN),
        _cited(
            "المياه غمرت الطريق السريع بين الخرطوم\nوعطبرة، ما أدى إلى توقف حركة النقل لمدة يومين",
            ("سونا", "شهود عيان"),
        ),
        _cited("نحو 120 ألف شخص تضرروا من الفيضانات منذ مطلع آب/ أغسطس الماضي", ("الأمم المتحدة",)),
        _cited("تحتاج المستشفيات في الولاية إلى 40 طنا من الأدوية", ("منظمة الصحة العالمية",)),
        # The publisher reports that the warning was given.
        _own(
            "وكانت الأرصاد الجوية قد حذرت في تموز/ يوليو من أمطار غزيرة تفوق المعدلات السنوية",
            _HELDOUT_PUBLISHER,
        ),
        # Not claims: the observers' judgement, the question, the call to act.
        _cited("والي الولاية زار المناطق المنكوبة يوم الأحد", _TAYAR),
        # "وأفادت الصحيفة": التيار.
        _cited("الوالي وعد بتعويض المزارعين", _TAYAR),
    ),
)

_HELDOUT2_PUBLISHER = "الغد"

#: Written and annotated after the fixes above. First run: recall 0.89, claimant and chain
#: 0.75, precision 0.89 ("وتابع المسؤول": تابع missing and "المسؤول" unresolved; "تقرير
#: للبنك الدولي صدر …" kept whole); fixed for those, so held out no more. The protest
#: banners (no number, date or name) stay missed by design.
HELDOUT2 = GoldArticle(
    name="held-out 2 (ar)",
    paths=(DATA / "arabic_heldout2.txt",),
    publisher=_HELDOUT2_PUBLISHER,
    claims=(
        _cited(
            "معدل البطالة تراجع إلى 21.4 في المئة خلال الربع الثالث\nمن العام الحالي، مقارنة"
            " بـ23 في المئة قبل عام",
            ("بشر الخصاونة",),
        ),
        _cited("الحكومة ستوفر 60 ألف فرصة عمل في 2024", ("بشر الخصاونة",)),
        _cited("عدد العاطلين عن العمل بلغ نحو 400 ألف شخص", ("دائرة الإحصاءات العامة",)),
        # Not a claim: 'الأرقام الرسمية "لا تعكس الواقع"' (a judgement).
        _cited("البطالة بين الشباب تتجاوز 40 في المئة", ("نائب معارض",)),
        # "ونُقل عن": relayed by nobody named.
        _cited(
            "الوزارة أوقفت إصدار تصاريح العمل\nللعمال الوافدين منذ أيار/ مايو",
            ("مسؤول في وزارة العمل",),
        ),
        # "وتابع المسؤول": the official named before.
        _cited("القرار سيراجع مطلع العام المقبل", ("مسؤول في وزارة العمل",)),
        _cited("الاقتصاد الأردني سينمو بنسبة 2.6 في المئة", ("البنك الدولي",)),
        # Not claims: the experts' judgement ("غير كافية").
        _own(
            "وشهدت عمان، الخميس، وقفة احتجاجية أمام مبنى البرلمان شارك فيها نحو 200 شاب عاطل"
            " عن العمل",
            _HELDOUT2_PUBLISHER,
        ),
        _own("ورفع المحتجون لافتات كتب عليها «نريد عملا لا وعودا»", _HELDOUT2_PUBLISHER),
    ),
)

_HELDOUT_EN_PUBLISHER = "Harbor Times"
_KIKILIAS = ("Vassilis Kikilias",)

#: Written and annotated with held-out 2. First run: recall 0.38, claimant and chain 1.00,
#: precision 0.75 (", the fire service said, after …", "X, citing Y, reported that",
#: "according to X, who told ERT that …", "C, X told reporters in Brussels." were not
#: handled); fixed for those, so held out no more. The two vague claims (experts on
#: climate change, the opposition's "chaotic") stay under the threshold by design.
HELDOUT_EN = GoldArticle(
    name="held-out (en)",
    paths=(DATA / "english_heldout.txt",),
    publisher=_HELDOUT_EN_PUBLISHER,
    claims=(
        _cited(
            "Firefighters were battling three large blazes near Corinth on Sunday",
            ("fire service",),
        ),
        _cited("About 2,000 residents were evacuated overnight", _KIKILIAS),
        _cited("no deaths had been reported", _KIKILIAS),
        # Not a claim: "the most difficult night of the summer".
        _cited("at least 40 homes had been destroyed", ("Greek media", "local officials")),
        _cited(
            "The European Union has sent four Canadair aircraft from Italy and Croatia",
            ("spokesman for\nthe European Commission",),
        ),
        _cited("climate change is making such fires more frequent", ("Experts",)),
        _cited(
            "Last year, fires burned more than 170,000 hectares, the largest area since records"
            " began in\n2006",
            ("EU's forest fire information system",),
        ),
        _own(
            'The opposition called the government\'s response "chaotic" and demanded an inquiry',
            _HELDOUT_EN_PUBLISHER,
        ),
    ),
)

_HELDOUT3_PUBLISHER = "العربي الجديد"

#: Written and annotated after every change above. First run: recall 0.86, claimant and
#: chain 0.67, precision 1.00 ("مصادر دبلوماسية" shortened to "مصادر"; "صرح تاياني
#: للصحافيين" kept the listener in the name); fixed for those, so held out no more.
HELDOUT3 = GoldArticle(
    name="held-out 3 (ar)",
    paths=(DATA / "arabic_heldout3.txt",),
    publisher=_HELDOUT3_PUBLISHER,
    claims=(
        _cited('بلاده لن تقبل بأن تكون "حارسا لحدود أوروبا"', ("نبيل عمار",)),
        _own(
            "وجاءت تصريحات عمار خلال لقائه نظيره الإيطالي أنطونيو تاياني في العاصمة تونس",
            _HELDOUT3_PUBLISHER,
        ),
        _own("حيث بحث الطرفان ملف الهجرة غير النظامية", _HELDOUT3_PUBLISHER),
        _cited(
            "ووصل إلى السواحل الإيطالية منذ بداية العام أكثر من 90 ألف مهاجر، انطلق نصفهم"
            " تقريبا من السواحل التونسية",
            ("وزارة الداخلية الإيطالية",),
        ),
        # the fullest name the article gives (bench/gold/README.md), since issue 14 round 2
        _cited("روما ستقدم دعما ماليا بقيمة 100 مليون يورو لتونس", ("أنطونيو تاياني",)),
        _cited("الاتحاد الأوروبي يدرس تجميد جزء من المساعدات\nالمخصصة لتونس", ("مصادر دبلوماسية",)),
        _cited("خفر السواحل أحبط 12 محاولة هجرة خلال الأسبوع الماضي", ("موزاييك", "مسؤول أمني")),
        # Not claims: the publisher could not verify the figures; the activists' judgement.
    ),
)

_HELDOUT_EN2_PUBLISHER = "Metro Ledger"

#: Written with held-out 3. First run: recall 0.67, claimant and chain 0.75, precision
#: 0.80 (two attributions in one sentence, "…, and Councillor Tom Hale said …"; "next
#: spring" not a date; "the council's records show" not a cue); fixed for those.
HELDOUT_EN2 = GoldArticle(
    name="held-out 2 (en)",
    paths=(DATA / "english_heldout2.txt",),
    publisher=_HELDOUT_EN2_PUBLISHER,
    claims=(
        _cited(
            "The city council voted 7-2 on Thursday to approve a plan for 4,500 new homes by 2030",
            ("Anna Briggs",),
        ),
        _cited("the plan ignores flood risks", ("Opponents",)),
        # Not a claim: "rushed through" (a judgement).
        _cited("a third of the homes will be affordable", ("planning department",)),
        _cited("construction would begin next spring", ("mayor's office",)),
        _cited("rents had risen by 18% in two years", ("Local residents",)),
        # Not claims: "Nobody asked us"; the open question of funding.
        _cited(
            "The plan replaces a 2019 scheme that was abandoned after costs doubled",
            ("council's\nrecords",),
        ),
    ),
)

ARTICLES = (SEED, ENGLISH, HELDOUT, HELDOUT2, HELDOUT_EN, HELDOUT3, HELDOUT_EN2)


@attrs.frozen
class Pair:
    """A gold claim and the extracted claim that found it (None when none did)."""

    gold: GoldClaim
    found: ExtractedClaim | None

    @property
    def claimant_ok(self) -> bool:
        """The claimant is the gold one (whitespace and case aside)."""
        return self.found is not None and _same(self.found.claimant, self.gold.claimant)

    @property
    def claimant_loose(self) -> bool:
        """
        The claimant is the gold one after folding, or one holds the other as whole words.
        """
        return self.found is not None and _loose_same(self.found.claimant, self.gold.claimant)

    @property
    def chain_loose(self) -> bool:
        """The chain has the gold length and each source is loosely the gold one."""
        return (
            self.found is not None
            and len(self.found.attribution) == len(self.gold.attribution)
            and all(
                _loose_same(a, b)
                for a, b in zip(self.found.attribution, self.gold.attribution, strict=True)
            )
        )

    @property
    def chain_ok(self) -> bool:
        """The whole attribution chain is the gold one, in order."""
        return (
            self.found is not None
            and len(self.found.attribution) == len(self.gold.attribution)
            and all(
                _same(a, b)
                for a, b in zip(self.found.attribution, self.gold.attribution, strict=True)
            )
        )


@attrs.frozen
class Scores:
    """
    Extraction quality on one article.

    Recall is over the gold claims; claimant and chain accuracy are over the gold claims
    that were found (a miss is counted by recall, not twice); precision is over the
    extracted claims.
    """

    pairs: tuple[Pair, ...]
    extracted: int

    @property
    def found(self) -> int:
        """How many gold claims were found."""
        return sum(p.found is not None for p in self.pairs)

    @property
    def recall(self) -> float:
        """Share of gold claims found."""
        return self.found / len(self.pairs) if self.pairs else 0.0

    @property
    def precision(self) -> float:
        """Share of extracted claims that found a gold claim."""
        return self.found / self.extracted if self.extracted else 0.0

    @property
    def claimant_accuracy(self) -> float:
        """Share of found gold claims whose claimant is right."""
        return sum(p.claimant_ok for p in self.pairs) / self.found if self.found else 0.0

    @property
    def chain_accuracy(self) -> float:
        """Share of found gold claims whose whole attribution chain is right."""
        return sum(p.chain_ok for p in self.pairs) / self.found if self.found else 0.0

    @property
    def claimant_loose(self) -> int:
        """How many found gold claims have a loosely right claimant."""
        return sum(p.claimant_loose for p in self.pairs)

    @property
    def chain_loose(self) -> int:
        """How many found gold claims have a loosely right chain."""
        return sum(p.chain_loose for p in self.pairs)


def gold_span(text: str, claim: GoldClaim) -> tuple[int, int]:
    """
    Offsets of a gold claim's quote in the article; it must occur exactly once.
    """
    start = text.find(claim.quote)
    if start < 0 or text.find(claim.quote, start + 1) >= 0:
        raise ValueError(f"gold quote not found exactly once: {claim.quote[:40]!r}")
    return start, start + len(claim.quote)


def overlap_shares(gold: tuple[int, int], found: tuple[int, int]) -> tuple[float, float]:
    """
    The overlap of two spans as shares of the gold span and of the found span.
    """
    common = max(0, min(gold[1], found[1]) - max(gold[0], found[0]))
    return common / (gold[1] - gold[0]), common / max(1, found[1] - found[0])


def evaluate(text: str, gold: tuple[GoldClaim, ...], extracted: list[ExtractedClaim]) -> Scores:
    """
    Pair gold and extracted claims one to one (best overlap first) and score the result.
    """
    options: list[tuple[float, int, int]] = []
    for gi, claim in enumerate(gold):
        span = gold_span(text, claim)
        for ei, found in enumerate(extracted):
            shares = overlap_shares(span, (found.start, found.end))
            if min(shares) >= MIN_OVERLAP:
                options.append((min(shares), gi, ei))
    matched: dict[int, ExtractedClaim] = {}
    used: set[int] = set()
    for _, gi, ei in sorted(options, reverse=True):
        if gi not in matched and ei not in used:
            matched[gi] = extracted[ei]
            used.add(ei)
    pairs = tuple(Pair(claim, matched.get(gi)) for gi, claim in enumerate(gold))
    return Scores(pairs=pairs, extracted=len(extracted))


def _same(a: str | None, b: str | None) -> bool:
    # Compared word by word: case, spacing and punctuation between words aside
    # ("Health Minister, Salem Farouk" is "Health Minister Salem Farouk").
    return a is not None and b is not None and _words(a) == _words(b)


def _words(name: str) -> list[str]:
    return re.findall(r"\w+", name.casefold())


# Leading words and clitics the loose measure leaves out: English articles, and the
# Arabic conjunctions and prepositions written onto a name, with or without its article.
_LOOSE_ARTICLES = frozenset(("the", "a", "an"))
_LOOSE_CLITIC = re.compile(r"^(?:[وفبلك]?ال|لل|[وفبل](?=\w{3}))")


def loose_words(name: str) -> list[str]:
    """
    A source's name as the loose measure compares it: folded (case, Arabic letter forms,
    marks) by :func:`factreg.normalize.fold`, leading articles dropped, Arabic clitics
    and the definite article stripped from every word.
    """
    words = fold(name).split()
    while words and words[0] in _LOOSE_ARTICLES:
        words = words[1:]
    return [_LOOSE_CLITIC.sub("", w) or w for w in words]


def _loose_same(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return False
    x, y = loose_words(a), loose_words(b)
    if not x or not y:
        return x == y
    short, long = (x, y) if len(x) <= len(y) else (y, x)
    return any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))


def load_gold_dir(folder: Path) -> list[GoldArticle]:
    """
    The gold articles of a folder of NAME.txt + NAME.json pairs (the format of
    notes/gold-extract-spec.md), sorted by name.

    Raises:
        ValueError: a JSON file is not gold (names the file and the missing key).
    """
    out: list[GoldArticle] = []
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        try:
            claims = tuple(
                GoldClaim(
                    quote=c["quote"],
                    claimant=c["claimant"],
                    attribution=tuple(c["attribution"]),
                    hedged=bool(c.get("hedged", False)),
                )
                for c in data["claims"]
            )
            out.append(
                GoldArticle(
                    name=path.stem,
                    paths=(path.with_suffix(".txt"),),
                    publisher=data["publisher"],
                    claims=claims,
                    lang=data["lang"],
                    split=data["split"],
                )
            )
        except KeyError as exc:
            raise ValueError(f"{path}: not gold, no key {exc}") from None
    return out
