"""
Names of sources: where a source's name ends, what it refers back to, and what kind it is.

A name is taken as the article writes it, without what is not part of it: the time and
manner of speaking ("on Tuesday", «اليوم الأحد», "in a statement"), auxiliaries ("had
earlier"), a person's title when their name follows ("spokeswoman Barbara Fox" -> "Barbara
Fox"). References resolve to the fullest earlier name ("Kensinger" -> "Philip Kensinger
Jr.", "SANA" -> "Syrian Arab News Agency", "the Post" -> "Washington Post", «المسؤول
الأمريكي» -> «مسؤول أمريكي»), and only to a name the article gave before.
:func:`claimant_kind` tells a person from an organisation and an unnamed source.
"""

from __future__ import annotations

import re
from typing import Literal

import attrs

from factreg.extract import _lexicon
from factreg.extract._view import _k
from factreg.normalize import fold

__all__ = [
    "ClaimantKind",
    "claimant_kind",
    "plausible_claimant",
    "same_source",
    "whole_outlet",
    "without_possessor",
]

#: What a claimant is, for a ClaimReview ``author``: a named person, an organisation
#: (outlet, body, company, state), or an unnamed source as written ("a senior official").
ClaimantKind = Literal["person", "organization", "anonymous"]


@attrs.define
class _Memory:
    """What earlier sentences named, for "الصحيفة", "the newspaper", "he said", "المسؤول"."""

    outlet: str | None = None
    speaker: str | None = None
    recent: list[str] = attrs.Factory(list)
    publisher: str | None = None
    wire: str | None = None
    outlets: list[str] = attrs.Factory(list)
    chains: list[tuple[str, ...]] = attrs.Factory(list)
    subject: str | None = None  # the current sentence's subject, when it opens it
    titles: dict[str, str] = attrs.Factory(dict)  # a person's name -> as first titled
    previous: tuple[int, tuple[str, ...]] = (0, ())  # last sentence's end and chain

    def heard(self, name: str) -> None:
        """``name`` spoke: "he", "وقال", "the official" may refer to it from now on."""
        if not plausible_claimant(name):
            return  # a clause fragment is nobody to refer back to
        self.speaker = name
        self.recent.append(name)
        self.recent.extend(_conjuncts(name))

    def named_outlet(self, name: str) -> None:
        """``name`` is an outlet: "the newspaper", "the Post" may refer to it from now on."""
        name = outlet_name(name)
        self.outlet = name
        self.outlets.append(name)

    def continued(self, chain: tuple[str, ...]) -> tuple[str, ...]:
        """
        A source quoted again keeps the chain it reached print through: after "X told
        Reuters", a later "X added" is (Reuters, X) too.
        """
        if len(chain) == 1:
            part = _PARTITIVE.match(chain[0])
            for earlier in reversed(self.chains):
                if len(earlier) < 2:
                    continue
                if same_source(chain[0], earlier[-1], exact=True):
                    chain = earlier
                    break
                if part is not None and _stem_eq(
                    _bare(part.group(1)), _bare(earlier[-1].split()[0])
                ):
                    # "أحد المسؤولين" after "مسؤولان إيرانيان لرويترز": one of them
                    chain = (*earlier[:-1], chain[0])
                    break
        if chain:
            self.chains.append(chain)
        return chain


def outlet_name(name: str) -> str:
    """An outlet's name without a leading "The" unless that is all it is ("The Guardian")."""
    words = name.split()
    if len(words) > 2 and words[0].lower() == "the":
        return " ".join(words[1:])
    return name


_EN_TAIL = re.compile(r"\s(?:" + _lexicon.alternation("en-name-tails") + r")")
_EN_TAIL_AT = re.compile(r"\s*(?:" + _lexicon.alternation("en-name-tails") + r")")
_AR_TAIL = re.compile(
    r"\s" + _k(r"(?:[وفبل])?(?:") + _lexicon.alternation("ar-name-tails") + r")(?!\w)"
)
_EN_TITLES = _lexicon.words("en-titles")
_AR_TITLES = _lexicon.words("ar-titles")
_EN_AUXILIARIES = _lexicon.words("en-auxiliaries")
_GAZETTEER = re.compile(
    _k(r"(?:[وفبلك])?(?:") + _lexicon.alternation("ar-gazetteer") + r")", re.IGNORECASE
)
_ANONYMOUS = re.compile(
    r"(?<!\w)(?:" + _lexicon.alternation("anonymous-nouns") + r")(?!\w)", re.IGNORECASE
)
_ORGANIZATION = re.compile(
    r"(?<!\w)(?:" + _lexicon.alternation("organization-nouns") + r")(?!\w)", re.IGNORECASE
)
# Words a name never is: pronouns with a preposition («فيها»), demonstratives, a bare
# participle («مشيرة»), auxiliaries ("has been").
_JUNK = re.compile(
    _k(
        r"(?:[وف])?(?:فيها|فيه|فيهم|لها|له|لهم|عنها|عنه|عنهم|منها|منه|منهم|بها|به|بهم|هذا|هذه"
        r"|ذلك|تلك|هو|هي|هم|انه|انها|ان|أن|إن|ما|من|في|على|عن|الى|إلى|مشير\w*|مؤكد\w*|مضيف\w*"
        r"|قد|كان|كانت|ايضا|أيضا)"
    )
    + r"|(?:has|have|had|been|was|were|is|are|be|it|this|that|there|which|who|and|but|the|a"
    r"|an|to|of|in|on|at)"
)
_DANGLING = re.compile(
    _k(r"(?:في|فى|من|عن|على|إلى|الى|و|ثم|قد|لقد|كما)")
    + r"|(?:in|on|at|of|for|to|and|or|that|who|which|with|by|from|as|the|a|an)"
)
_LEADING_PREPOSITION = re.compile(
    _k(r"(?:في|فى|عن|على|إلى|الى|منذ|خلال|بعد|قبل)")
    + r"|(?:in|on|at|after|before|during|since|when|while|if|to|for|with)"
)
_PREPOSITION = re.compile(_k(r"(?:في|فى|من|الى|إلى|على|عن|لدى|مع|باسم|بوزارة|بإدارة|بمجلس)"))


def cut_tail(key: str, a: int, b: int) -> int:
    """Where the name in key[a:b) ends, before a time or manner of speaking."""
    first = re.search(r"\S+", key[a:b])
    if first is None:
        return b
    start = a + first.end()
    for pattern in (_EN_TAIL, _AR_TAIL):
        m = pattern.search(key, start, b)
        if m is not None:
            b = m.start()
    return b


def tidy(name: str, memory: _Memory, *, outlet: bool = False, definite: bool = False) -> str | None:
    """
    The name a claim gives the source written ``name``: a person's title dropped when
    their name follows, auxiliaries dropped, references resolved; None for a word that
    is no name ("has been", «فيها»).
    """
    words = name.split()
    while words and words[-1].lower() in _EN_AUXILIARIES:
        words.pop()
    while words and words[0].lower() in (*_EN_AUXILIARIES, "but", "and", "so"):
        words.pop(0)
    # a name neither ends with a function word ("دار الأوقاف في") nor starts with a
    # preposition ("في تقريرها", "in a statement")
    while words and _DANGLING.fullmatch(_k(words[-1].lower())):
        words.pop()
    if words and _LEADING_PREPOSITION.fullmatch(_k(words[0].lower())):
        return None
    if len(words) > 1 and _AR_VERB_WITH_OBJECT.fullmatch(words[0]):
        words.pop(0)  # «بيان أصدره البنك»: the statement's issuer, not the verb
    # "the U.K.-based Syrian Observatory": where a body is based is not its name
    words = [w for w in words if not w.lower().endswith("-based")] or words
    if not words or all(_JUNK.fullmatch(_k(w.lower())) for w in words):
        return None
    # «وكالة الأنباء السعودية (واس)»: the abbreviation in brackets is no part of it
    name = re.sub(r"\s*\([^()]*\)?\s*$", "", " ".join(words)) or " ".join(words)
    if outlet:
        bare = _outlet_without_description(name)
        if bare != name:
            return bare
        # «صحيفة الغارديان البريطانية»: the outlet, without where it is from
        tail = _AR_NISBA_TAIL.search(_k(name))
        if tail is not None and tail.start() > 0:
            bare = name[: tail.start()]
            if not _GENERIC_OUTLET.fullmatch(_k(bare.split()[-1])):
                return outlet_name(bare)
        # a one-word mention («بلومبرغ») is the outlet named in full before
        short = len(name.split()) == 1
        return outlet_name((short and _resolve(name, memory, outlets_only=True)) or name)
    kind = _EN_OUTLET_KIND.fullmatch(name)
    if kind is not None:
        return kind.group("name")  # "Belgium's Belga news agency" -> "Belga"
    titled = name
    name = _apposed_person(name)
    name = _person(name)
    if name != titled:
        memory.titles.setdefault(name, titled)
    if _REPORT.fullmatch(name) and definite and memory.outlet is not None:
        return memory.outlet  # "the report said": the outlet's report
    statement = _STATEMENT.fullmatch(_k(name.lower()))
    if statement is not None and (definite or name.startswith("ال")) and memory.speaker:
        return memory.speaker  # «وأوضح البيان», "the statement said": its issuer
    if definite and not name.lower().startswith("the "):
        return _resolve("the " + name, memory) or name
    return _resolve(name, memory) or name


def _outlet_without_description(name: str) -> str:
    """
    An outlet whose name is no Arabic definite word, without the definite (nisba)
    adjectives describing it: «ليكيب الرياضية اليومية» -> «ليكيب», «هآرتس العبرية» ->
    «هآرتس» («صدى البلد», «الشرق الأوسط», «الأنباء السعودية» keep theirs).
    """
    words = name.split()
    if len(words) < 2 or not re.fullmatch(r"[\u0621-\u064a]+", words[0]):
        return name
    if _k(words[0]).startswith("ال"):
        return name
    for i in range(1, len(words)):
        if all(re.fullmatch(r"ال\w+(?:ي|يه)", _k(w)) for w in words[i:]):
            if _GENERIC_OUTLET.fullmatch(_k(words[i - 1])):
                return name  # «وكالة الأنباء البلجيكية»: the nationality is in the name
            return " ".join(words[:i])
    return name


# "Belgium's Belga news agency", "the Kathimerini newspaper": the outlet's name alone
_EN_OUTLET_KIND = re.compile(
    r"(?:(?:the\s+)?[A-Z][\w.-]*['’]s\s+|the\s+)?"
    r"(?P<name>[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3})(?<!['’]s)\s+"
    r"(?:state\s+|official\s+)?(?:news\s+agency|newspaper|daily|broadcaster|news\s+channel)"
)


def _apposed_person(name: str) -> str:
    """
    The person named after a comma: «قائد شرطة المدينة، جوزيف لومباردو» and "the city's
    police chief, Joseph Lombardo" -> the name; else ``name`` unchanged.
    """
    parts = re.split(r"\s*[،,]\s*", name.strip(" ،,"))
    if len(parts) < 2:
        return name
    last = _person(parts[-1])  # ", Lt. Col. Peter Lerner,": the name without its title
    words = last.split()
    if not 2 <= len(words) <= 4 or claimant_kind(last) != "person":
        return name
    if re.search(r"[A-Za-z]", last):
        ok = all(w[:1].isupper() for w in words)
    else:
        ok = not any(_k(w).startswith("ال") or _k(w) in _AR_TITLES for w in words)
    return last if ok else name


# The particles of Arabic and European names written in Latin script: "al-Sudani",
# "bin Salman", "van der Berg" are part of the name, lower-case as they are.
_PARTICLE = re.compile(r"(?:al|el|bin|ibn|bint|abu|de|van|von|der|da|di|du|le|la)(?:-|$)")


def _person(name: str) -> str:
    """The name of a titled person: "Health Minister Dr. Salem Farouk" -> "Salem Farouk"."""
    words = name.split()
    if re.search(r"[A-Za-z]", name):
        last_title = max(
            (i for i, w in enumerate(words) if w.lower().strip(",") in _EN_TITLES), default=-1
        )
        rest = words[last_title + 1 :]
        if last_title >= 0 and rest and all(w[:1].isupper() or _PARTICLE.match(w) for w in rest):
            return " ".join(rest)
        return name
    if not words or _k(words[0]).removeprefix("ال").removesuffix("ه") not in _AR_TITLES:
        return name
    # skip the title's complements: definite words, prepositional phrases, places
    i = 1
    while i < len(words):
        w = _k(words[i])
        if w.startswith("ال") or _GAZETTEER.fullmatch(w):
            i += 1
        elif _PREPOSITION.fullmatch(w) and i + 1 < len(words):
            i += 2
        else:
            break
    run = words[i:]
    if len(run) >= 2 and i > 0:
        return " ".join(run)
    return name


def _resolve(name: str, memory: _Memory, *, outlets_only: bool = False) -> str | None:
    """
    The earlier name ``name`` refers to: a surname or "Mr X" to the full name, an
    acronym to the words it abbreviates, a definite description («المسؤول الأمريكي»,
    "the ministry", "the Post") to the latest earlier source it fits.
    """
    words = name.split()
    plain = [w for w in words if w.lower() not in ("mr", "mr.", "mrs", "mrs.", "ms", "ms.")]
    known = [*reversed(memory.recent), *reversed(memory.outlets)]
    if outlets_only:
        known = list(reversed(memory.outlets))
    if len(plain) == 1 and (plain[0][:1].isupper() or _arabic_surname(plain[0])):
        # a surname or an acronym
        word = plain[0]
        for earlier in known:
            parts = earlier.split()
            if len(parts) > 1 and (word in parts or word in [_PARTICLE.sub("", p) for p in parts]):
                return earlier  # "Sudani" -> "Mohammed Shia al-Sudani" too
            caps = [p for p in parts if p[:1].isupper()]
            if word.isupper() and len(word) > 2 and "".join(p[0] for p in caps) == word:
                return earlier
    if words and words[-1][:1].isupper() and words[0].lower() == "the" and len(words) == 2:
        for earlier in known:
            if earlier.split()[-1] == words[-1] and len(earlier.split()) > 1:
                return earlier  # "the Post" -> "Washington Post"
    definite = re.match(_k(r"(?:the\s+|(?:هذا|هذه)\s+)?(.+)"), name, re.IGNORECASE)
    if definite is None:
        return None
    is_definite = name.lower().startswith(("the ", "هذا ", "هذه ")) or all(
        w.startswith("ال") for w in words
    )
    if not is_definite:
        return None
    heads = [_bare(w) for w in definite.group(1).split()]
    first = any(h in _FIRST for h in heads)
    heads = [h for h in heads if h and h not in _ORDINALS]
    if not heads:
        return None
    plural = _unplural(heads[0]) != heads[0]
    if first:
        known = known[::-1]  # «المصدر السوري الأول», "the first official": the earliest
    # a singular reference is one source, not a joint name ("the official" -> one of
    # "an official and a source"); a plural one may be ("the sources")
    known = sorted(known, key=lambda n: bool(_conjuncts(n)) != plural)
    for earlier in known:
        # a person is also found by the title the article gave them ("the minister"
        # after "Health Minister Dr. Salem Farouk", «الوزير» after «وزير الخارجية …»)
        theirs = [_bare(w) for w in memory.titles.get(earlier, earlier).split()]
        if all(any(_stem_eq(h, t) for t in theirs) for h in heads):
            return earlier
    return None


def _arabic_surname(word: str) -> bool:
    key = _k(word)
    return bool(re.fullmatch(r"[\u0621-\u064a]{3,}", key)) and not (
        _ANONYMOUS.fullmatch(key) or _ORGANIZATION.fullmatch(key) or key in _AR_TITLES
    )


# "one of the officials", «أحد المسؤولين»: one of an earlier, plural source
_PARTITIVE = re.compile(r"(?:one\s+of\s+the|(?:أحد|احد|إحدى|احدى))\s+(\S+)", re.IGNORECASE)
_FIRST = frozenset(fold(w) for w in ("اول", "first"))
_STATEMENT = re.compile(_k(r"(?:the\s+)?(?:statement|البيان|بيانها|بيانه)"))
# Nationality adjectives after an outlet's name («الغارديان البريطانية»)
_AR_NISBA_TAIL = re.compile(
    _k(r"(?:\s+ال(?:")
    + _lexicon.alternation("ar-nisba-stems")
    + _k(r")(?:ي|ية|يون|يين|يان|يتين))+$")
)
# Words that name no outlet by themselves: «وكالة الأنباء السعودية» keeps its nationality
_GENERIC_OUTLET = re.compile(_k(r"(?:ال)?(?:أنباء|أخبار|إعلام|تلفزيون|إذاعة|صحافة|رسمية)"))
_REPORT = re.compile(r"(?:the\s+)?(?:report|story|article)", re.IGNORECASE)
_ORDINALS = frozenset(
    fold(w) for w in ("اول", "الاول", "ثاني", "الثاني", "first", "second", "اخر", "الاخر")
)


def _bare(word: str) -> str:
    w = fold(word)
    for prefix in ("وال", "فال", "بال", "ال"):
        if w.startswith(prefix) and len(w) > len(prefix) + 2:
            return w[len(prefix) :]
    return w


def _stem_eq(a: str, b: str) -> bool:
    # "officials" / "official", "sources" / "source", «مسؤول» / «مسؤولين» / «مسؤولون»
    a, b = _unplural(a), _unplural(b)
    return a == b or (len(a) >= 4 and len(b) >= 4 and (a.startswith(b) or b.startswith(a)))


def _unplural(word: str) -> str:
    for suffix in ("ون", "ين", "ان", "ات", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 3:
            return word[: -len(suffix)]
    return word


def _conjuncts(name: str) -> list[str]:
    """The sources a joint name holds: «مسؤول أمريكي ومصدر أمني سوري» -> both."""
    parts = re.split(r"\s+and\s+|\s+و(?=\S{3,})", name)
    if len(parts) < 2 or any(len(p.split()) < 2 for p in parts):
        return []
    for part in parts[1:]:
        key = _k(part.lower())
        if not (_ANONYMOUS.match(key) or _ORGANIZATION.match(key) or part[:1].isupper()):
            return []  # «وزارة» is a word, not و + «زارة»
    return parts


def same_source(a: str, b: str, *, exact: bool = False) -> bool:
    """
    Whether two names are one source, case, letter forms and articles aside: the same
    words (``exact``) or one holding the other's words.
    """
    x, y = _bare_words(a), _bare_words(b)
    if not x or not y:
        return False
    if exact:
        return x == y
    short, long = (x, y) if len(x) <= len(y) else (y, x)
    return any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))


def _bare_words(name: str) -> list[str]:
    words = fold(name).split()
    if words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return [_bare(w) for w in words]


def claimant_kind(name: str) -> ClaimantKind:
    """
    What a claimant is: ``"anonymous"`` for an unnamed source as written ("a senior
    official", "Health officials", «مصادر مطلعة», "residents"), ``"organization"`` for an
    outlet, body, company or state («وزارة الصحة», "Reuters", "U.S. Army"), ``"person"``
    otherwise ("Barbara Fox", «محمد عثمان»).

    Data-driven (factreg/data/extract/anonymous-nouns.txt, organization-nouns.txt,
    known-outlets.txt); a ClaimReview export writes a person as a Person, the others as
    an Organization.
    """
    text = " ".join(name.split())
    key = _k(text.lower())
    anonymous = _ANONYMOUS.search(key)
    # a name after the noun makes it a person ("spokeswoman Barbara Fox")
    if anonymous is not None and not re.search(r"[A-Z]", text[anonymous.end() :]):
        return "anonymous"
    if _ORGANIZATION.search(key) or _known_outlet(key):
        return "organization"
    if re.fullmatch(r"[A-Z][A-Z.&-]{1,}", text):
        return "organization"  # an acronym: "CNN", "U.N."
    return "person"


def _known_outlet(key: str) -> bool:
    return any(
        re.search(r"(?<!\w)" + re.escape(_k(o.lower())) + r"(?!\w)", key)
        for o in _lexicon.entries("known-outlets")
    )


# -- plausibility -------------------------------------------------------------------------

_NON_NAMES = _lexicon.words("non-names")
_NON_NAME_OPENERS = _lexicon.words("non-name-openers")
_AR_SPEECH_WORDS = _lexicon.words("ar-speech-verbs")
# «أصدره البنك», «يعتبره»: a verb carrying its object pronoun opens a clause, not a name
_AR_VERB_WITH_OBJECT = re.compile(r"[أي][\u0621-\u064a]{2,}(?:ه|ها|هم)")
# "had earlier", "who have seen": an auxiliary inside a name is a clause unless a relative
# pronoun opens that clause ("people who have seen the report" is a source as written)
_EN_AUX_WORDS = frozenset(
    ("has", "have", "had", "was", "were", "is", "are", "will", "would", "did", "does")
)
# "involves a letter": a lower-case verb in -s right before a determiner (a plural noun
# is followed by a preposition first: "officials at the ministry")
_EN_VERB_WITH_OBJECT = re.compile(
    r"(?<![\w'’])(?!(?:news|sources|officials|analysts|experts|residents|witnesses)\b)"
    r"[a-z]{3,}s\s+(?:a|an|the|his|her|their|its)\s"
)
# "December. Officials": a sentence ends inside it
_SENTENCE_BREAK = re.compile(r"[a-z]{3,}[.!?]\s+[A-Z]|[\u0621-\u064a][.؟!]\s+\S")
#: A claimant longer than this many words is a clause, not a name.
MAX_CLAIMANT_WORDS = 14


def plausible_claimant(name: str | None) -> bool:
    """
    Whether ``name`` can be who made a claim: a person, a body, an outlet or an unnamed
    source as written. Not a fragment of the clause ("has been", "though a spokesperson",
    "as the number of cases climbed to 95", «أمس هذه المعلومات ووصفها», «أصدره البنك»),
    a pronoun or function word («فيها», "he"), nor text running over a sentence end.
    Data: factreg/data/extract/non-names.txt, non-name-openers.txt.
    """
    if name is None:
        return False
    text = " ".join(name.split())
    words = text.split()
    if not words or len(words) > MAX_CLAIMANT_WORDS or not re.search(r"[^\W\d_]", text):
        return False
    keys = [_k(w.lower().strip(".,،:;؛\"'«»“”()")) for w in words]
    if all(not k or k in _NON_NAMES for k in keys):
        return False
    first = keys[0].removeprefix("و") if len(keys[0]) > 3 else keys[0]
    if keys[0] in _NON_NAME_OPENERS or first in _NON_NAME_OPENERS:
        return False
    if len(words) == 1 and whole_outlet(text) is not None:
        return False  # «سي» of «سي ان ان»: one token of an outlet's name
    if re.fullmatch(r"[a-z]{2,}ing", words[0]) and len(keys) > 1 and keys[1] in _NON_NAMES:
        return False  # "doing anything unlawful": a gerund and its object, no name
    if len(words) > 1 and (
        keys[0] in _AR_SPEECH_WORDS or _AR_VERB_WITH_OBJECT.fullmatch(words[0].strip("،,"))
    ):
        return False
    if _EN_VERB_WITH_OBJECT.search(text):
        return False  # "One focus involves a letter Hastert": a verb and its object
    for i, w in enumerate(words[1:], start=1):
        if w in _EN_AUX_WORDS and keys[i - 1] not in ("who", "that", "which"):
            return False
    if len(words) >= 5 and any(re.fullmatch(r"[\d.,٠-٩]+", w) for w in words):
        return False  # "the number of cases climbed to 95 in eight"
    return not _SENTENCE_BREAK.search(text)


def claimant_core(name: str) -> str:
    """
    The source inside a fragment around it: after a sentence end ("December. Officials"
    -> "Officials"), without a clause opener and then an article ("though a spokesperson"
    -> "spokesperson"). Unchanged when there is nothing to take away.
    """
    text = " ".join(name.split())
    breaks = list(_SENTENCE_BREAK.finditer(text))
    if breaks:
        text = text[breaks[-1].end() - 1 :]
    words = text.split()
    opened = False
    while len(words) > 1 and _k(words[0].lower()) in _NON_NAME_OPENERS:
        words.pop(0)
        opened = True
    if opened and len(words) > 1 and words[0].lower() in ("a", "an", "the"):
        words.pop(0)
    return " ".join(words)


def without_possessor(name: str, publisher: str | None) -> str:
    """
    A source without the publisher owning it: "ABC's law enforcement sources" in ABC
    News' article -> "law enforcement sources".
    """
    m = re.match(r"(\S+?)['’]s\s+(.+)", name)
    if m is None or not publisher:
        return name
    owner = fold(m.group(1))
    return m.group(2) if owner in fold(publisher).split() else name


def whole_outlet(name: str, outlets: tuple[str, ...] | list[str] = ()) -> str | None:
    """
    The multi-word outlet a single word is the first token of («سي» -> «سي ان ان», "New"
    -> "New York Times"), among ``outlets`` and the known outlets; None otherwise.
    """
    words = name.split()
    if len(words) != 1:
        return None
    word = _k(words[0].lower())
    candidates: list[str] = [*outlets, *_lexicon.entries("known-outlets")]
    for outlet in candidates:
        parts = outlet.split()
        if len(parts) > 1 and _k(parts[0].lower()) == word:
            return outlet
    return None
