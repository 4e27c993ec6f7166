"""
Hypothesis strategies for factreg values, Arabic text included.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from hypothesis import strategies as st

from factreg.model import Claim, FactCheck, Source, Status

#: Arabic letters, tashkeel, tatweel and Arabic-Indic digits, as real text mixes them.
ARABIC = st.characters(
    min_codepoint=0x0600, max_codepoint=0x06FF, categories=("Lo", "Mn", "Nd", "Lm", "Po")
)
LATIN = st.characters(
    min_codepoint=0x20, max_codepoint=0x24F, categories=("Lu", "Ll", "Nd", "Zs", "Po")
)
WORD = st.text(st.one_of(ARABIC, LATIN), min_size=1, max_size=12)

texts = st.lists(WORD, min_size=1, max_size=12).map(" ".join).filter(lambda t: t.strip())
names = st.text(st.one_of(ARABIC, LATIN), min_size=1, max_size=30).filter(lambda t: t.strip())
ids = st.from_regex(r"[a-z0-9][a-z0-9._:-]{0,20}", fullmatch=True)
urls = st.builds(
    lambda host, path: f"https://{host}.example/{path}",
    st.from_regex(r"[a-z]{1,10}", fullmatch=True),
    st.from_regex(r"[a-z0-9-]{0,20}", fullmatch=True),
)
aware_times = st.datetimes(
    min_value=datetime(2000, 1, 1),
    max_value=datetime(2030, 1, 1),
    timezones=st.sampled_from(
        [timezone.utc, timezone(timedelta(hours=3)), timezone(timedelta(hours=-5))]
    ),
)
published = st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1)), aware_times)

sources = st.builds(
    Source,
    url=st.one_of(st.none(), urls),
    publisher=names,
    title=st.one_of(st.none(), names),
    published=published,
    language=st.sampled_from([None, "ar", "en"]),
)

fact_checks = st.builds(
    FactCheck,
    url=st.one_of(st.none(), urls),
    reviewer=st.one_of(st.none(), names),
    published=published,
    rating_value=st.one_of(st.none(), st.integers(1, 5).map(float)),
    best_rating=st.just(5.0),
    worst_rating=st.just(1.0),
    label=st.one_of(st.none(), names),
)


@st.composite
def claims(draw: st.DrawFn) -> Claim:
    """
    Any valid claim: optional source, chain, status, confidence, evidence and tags.
    """
    created = draw(aware_times)
    return Claim(
        id=draw(ids),
        text=draw(texts),
        lang=draw(st.sampled_from([None, "ar", "en"])),
        source=draw(st.one_of(st.none(), sources)),
        claimant=draw(st.one_of(st.none(), names)),
        attribution=tuple(draw(st.lists(names, max_size=3))),
        status=draw(st.sampled_from(list(Status))),
        confidence=draw(st.one_of(st.none(), st.floats(0, 1))),
        note=draw(st.one_of(st.none(), texts)),
        evidence=tuple(draw(st.lists(urls, max_size=2, unique=True))),
        tags=tuple(draw(st.lists(names, max_size=3))),
        fact_checks=tuple(draw(st.lists(fact_checks, max_size=2))),
        created_at=created,
        updated_at=created
        + draw(st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=30))),
        version=draw(st.integers(1, 50)),
        cluster=draw(st.one_of(st.none(), ids)),
    )
