"""
A reproducible synthetic claim feed for the scale benchmark: Arabic and English.

Text is made from a synthetic vocabulary (tens of thousands of made-up words per
language, drawn with a Zipf law as words in news are) mixed with real function words, so
the index sees realistic document frequencies: a few terms in most claims, most terms in
a handful. A share of claims is restated by other articles as near-duplicate variants —
tashkeel added, hamza forms changed, Arabic-Indic digits, words reordered, one word
changed — which is what the registry must find again.

Everything derives from one seed: the same ``--n`` and seed give the same feed, byte for
byte, ids included (they look generated: ``c-`` and nine base32 characters).
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import json
import random
from collections.abc import Callable, Iterator
from typing import IO

#: Share of base claims restated by other articles (each 1..3 times).
RESTATED_SHARE = 0.15
#: Made-up content words per language.
VOCABULARY = 40_000
#: Zipf exponent of content words (≈1 in news text).
ZIPF = 1.05
#: Zipf rank of the first content word: function words take the top ranks of a real text,
#: so the most common content word is in a few percent of claims, not in half of them.
ZIPF_OFFSET = 20


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


EN_FUNCTION = _words(
    "the of to and in a that for on said is was with by as at from it has have will "
    "be not are this after over than more its their who would been were which about "
    "also new two three percent million government minister president officials "
    "reported according last week year told people country state police since"
)
AR_FUNCTION = _words(
    "في من على إلى أن التي الذي عن مع هذا هذه قال وقال كان بين بعد قبل حتى إن لم لا ما "
    "كما أو ثم وزير الرئيس الحكومة مصادر مليون العام الماضي اليوم أمس وفق خلال حيث عدد "
    "أكثر أيضا المتحدث باسم وزارة رئيس"
)

_EN_ONSETS = _words(
    "b c d f g h j k l m n p r s t v w z br ch cl cr dr fl gr pl pr sh st str th tr"
)
_EN_VOWELS = _words("a e i o u ai ea ou io ee")
_EN_CODAS = ["", "", "n", "r", "s", "t", "l", "nd", "st", "ck", "m", "ng"]
_AR_LETTERS = "بتثجحخدذرزسشصضطظعغفقكلمنهوي"
_AR_PATTERNS = (
    "CaCC",
    "CCC",
    "CCCة",
    "مCCC",
    "تCCC",
    "CاCC",
    "CCيC",
    "CCوC",
    "اCCC",
    "أCCC",
    "إCCاC",
    "CأCC",
    "CCاء",
    "مCCوC",
    "CCاCة",
    "اCCCاC",
)
_TASHKEEL = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652"
_AR_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_HAMZA = {"أ": "ا", "إ": "ا", "ا": "أ"}
_OUTLETS = 60
_ID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"


def _en_word(rng: random.Random) -> str:
    return "".join(
        rng.choice(_EN_ONSETS) + rng.choice(_EN_VOWELS) + rng.choice(_EN_CODAS)
        for _ in range(rng.choice((1, 2, 2, 3)))
    )


def _ar_word(rng: random.Random) -> str:
    pattern = rng.choice(_AR_PATTERNS)
    word = "".join(
        rng.choice(_AR_LETTERS) if ch == "C" else ("" if ch == "a" else ch) for ch in pattern
    )
    return ("ال" + word) if rng.random() < 0.3 else word


def _vocabulary(rng: random.Random, size: int, word: Callable[[random.Random], str]) -> list[str]:
    seen: dict[str, None] = {}
    while len(seen) < size:
        seen.setdefault(word(rng), None)
    return list(seen)


class Language:
    """
    One language's vocabulary with Zipf-distributed draws.
    """

    def __init__(self, code: str, rng: random.Random) -> None:
        self.code = code
        maker = _en_word if code == "en" else _ar_word
        self.function = EN_FUNCTION if code == "en" else AR_FUNCTION
        self.words = _vocabulary(rng, VOCABULARY, maker)
        weights = [1 / ((rank + ZIPF_OFFSET) ** ZIPF) for rank in range(1, len(self.words) + 1)]
        self._cumulative = list(itertools.accumulate(weights))
        fweights = [1 / (rank**0.8) for rank in range(1, len(self.function) + 1)]
        self._fcumulative = list(itertools.accumulate(fweights))

    def content(self, rng: random.Random) -> str:
        """
        A content word, Zipf-distributed.
        """
        i = bisect.bisect_left(self._cumulative, rng.random() * self._cumulative[-1])
        return self.words[min(i, len(self.words) - 1)]

    def function_word(self, rng: random.Random) -> str:
        """
        A function word, the common ones more often.
        """
        i = bisect.bisect_left(self._fcumulative, rng.random() * self._fcumulative[-1])
        return self.function[min(i, len(self.function) - 1)]

    def sentence(self, rng: random.Random) -> str:
        """
        One claim: 6..14 content words with 2..7 function words among them, sometimes a
        number. (A checkable statement names several things: a claim of one or two content
        words would match any text holding them.)
        """
        words = [self.content(rng) for _ in range(rng.randint(6, 14))]
        for _ in range(rng.randint(2, 7)):
            words.insert(rng.randint(0, len(words)), self.function_word(rng))
        if rng.random() < 0.4:
            number = str(
                rng.choice((rng.randint(2, 99), rng.randint(100, 5000), rng.randint(1990, 2025)))
            )
            words.insert(rng.randint(1, len(words)), number)
        text = " ".join(words)
        if self.code == "en":
            text = text[0].upper() + text[1:]
        return text + "."


def variant(text: str, lang: Language, rng: random.Random) -> str:
    """
    A near-duplicate restatement of ``text``: one or two of the edits news copy makes.
    """
    kinds = ["reorder", "one_word"]
    if lang.code == "ar":
        kinds += ["tashkeel", "hamza", "digits", "tashkeel"]
    else:
        kinds += ["case"]
    out = text.rstrip(".")
    for kind in rng.sample(kinds, rng.choice((1, 1, 2))):
        words = out.split()
        if kind == "reorder" and len(words) > 4:
            cut = rng.randint(2, len(words) - 2)
            words = words[cut:] + words[:cut]
        elif kind == "one_word":
            words[rng.randrange(len(words))] = lang.content(rng)
        elif kind == "tashkeel":
            words = [
                "".join(
                    ch + (rng.choice(_TASHKEEL) if "ء" <= ch <= "ي" and rng.random() < 0.4 else "")
                    for ch in w
                )
                for w in words
            ]
        elif kind == "hamza":
            words = [
                "".join(_HAMZA.get(ch, ch) if rng.random() < 0.7 else ch for ch in w) for w in words
            ]
        elif kind == "digits":
            words = [w.translate(_AR_DIGITS) for w in words]
        elif kind == "case":
            words = [w.upper() if rng.random() < 0.2 else w for w in words]
        out = " ".join(words)
    return out + ("." if rng.random() < 0.5 else "")


class Feed:
    """
    The feed of ``n`` claims for ``seed``: base claims, then their variants, interleaved.
    """

    def __init__(self, n: int, seed: int = 20241130) -> None:
        self.n = n
        self.seed = seed
        rng = random.Random(seed)
        self.languages = {"ar": Language("ar", rng), "en": Language("en", rng)}

    def rows(self) -> Iterator[dict[str, object]]:
        """
        The feed's JSON objects in order: exactly ``n`` of them.
        """
        rng = random.Random(self.seed + 1)
        written = 0
        article = 0
        while written < self.n:
            lang = self.languages["ar" if rng.random() < 0.55 else "en"]
            # One article carries 1..4 base claims.
            article += 1
            base_article = article
            outlet = rng.randrange(_OUTLETS)
            for _ in range(rng.randint(1, 4)):
                if written >= self.n:
                    return
                text = lang.sentence(rng)
                yield _row(claim_id(self.seed, written), text, outlet, base_article)
                written += 1
                if rng.random() < RESTATED_SHARE:
                    for k in range(1, rng.randint(1, 3) + 1):
                        if written >= self.n:
                            return
                        article += 1
                        yield _row(
                            claim_id(self.seed, written),
                            variant(text, lang, rng),
                            (outlet + k) % _OUTLETS,
                            article,
                        )
                        written += 1

    def write(self, stream: IO[str]) -> int:
        """
        Write the feed as JSON Lines; return how many claims.
        """
        count = 0
        for row in self.rows():
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
        return count


def claim_id(seed: int, number: int) -> str:
    """
    A stable id that looks like a generated one: random order, as a real registry's ids.
    """
    digest = hashlib.blake2b(f"{seed}:{number}".encode(), digest_size=8).digest()
    value = int.from_bytes(digest, "big")
    return "c-" + "".join(_ID_ALPHABET[(value >> (5 * i)) & 31] for i in range(9))


def _row(claim_id: str, text: str, outlet: int, article: int) -> dict[str, object]:
    host = f"outlet{outlet:02d}.example"
    # No "lang": feeds rarely carry it, and detecting it is part of what an import costs.
    return {
        "id": claim_id,
        "text": text,
        "source": {
            "url": f"https://{host}/{article // 1000}/{article}",
            "publisher": host,
            "published": f"20{14 + article % 11:02d}-{1 + article % 12:02d}-{1 + article % 28:02d}",
        },
    }


def query_for(text: str, lang: Language, rng: random.Random) -> str:
    """
    A query restating ``text`` (a fresh variant, not the registered ones).
    """
    return variant(text, lang, rng)
