"""
Two claims' figures compared by what they count (:func:`compare_numbers`): "11 dead" and
"16 killed" differ, "39 ambulances" and "7 deaths" are not compared, hedged figures stand
for a range ("more than 1,800" and 1,801 agree), and a breakdown or a count marked as a
part ("290 in Al Haouz, 190 in Taroudant, 89 …" against "632"; "in Minxian alone, 53")
is neither the same figure nor a changed one. Part of :func:`factreg.evidence.evidence`.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from factreg import lexicon
from factreg._side import Side
from factreg.facts import Fact, count_noun, lookup_forms

#: Two figures within this share of each other agree when one is hedged ("more than
#: 1,800" and "1,801", "over 380" and "381").
HEDGE_TOLERANCE = 0.05
#: ... and within this share when both are hedged ("more than 500" and "nearly 700" may
#: be one figure; "more than 500" and "more than 1,000" are not). Chosen on cross dev.
BOTH_HEDGED_TOLERANCE = 0.5
#: A claim giving this many smaller figures of one thing or more, adding up to no more
#: than the other claim's one figure, gives a breakdown of it (tolls by province).
MIN_BREAKDOWN = 3

_HEDGES = {word: way for way, rest in lexicon.rows("hedges.txt") for word in rest.split()}
_PARTIAL = lexicon.words("partial-counts.txt")
_FORECAST = lexicon.words("forecast-words.txt")
#: A figure is a forecast when a forecast word is among this many words before it.
FORECAST_REACH = 8
_CONCEPTS = frozenset(concept for concept, _ in lexicon.rows("count-nouns.txt"))
# Counts that date a claim rather than tell what happened: sharing them says little.
_TOLLS = frozenset(("deaths", "injured", "missing", "arrests", "displaced"))
#: What a number counts when it counts a named thing, not a date or a share.
COUNTED = _CONCEPTS - {"years", "months", "weeks", "days", "hours", "minutes", "percent"}
_DATES = frozenset(("years", "months", "weeks", "days", "hours", "minutes"))


def _value(fact: Fact) -> Decimal | None:
    try:
        return Decimal(fact.value)
    except InvalidOperation:
        return None


def _hedge(side: Side, fact: Fact) -> str:
    # "up", "down", "about" or "" for the words just before a figure
    for word in reversed(side.folded[max(fact.at - 3, 0) : fact.at]):
        for form in lookup_forms(word):
            if form in _HEDGES:
                return _HEDGES[form]
    return ""


def _range(value: Decimal, way: str, tolerance: float) -> tuple[Decimal, Decimal]:
    # the figures a value hedged ``way`` may stand for
    margin = abs(value) * Decimal(str(tolerance))
    low = value - margin if way in ("down", "about") else value
    high = value + margin if way in ("up", "about") else value
    return low, high


def _agree(x: Fact, sx: Side, y: Fact, sy: Side) -> bool:
    # The same figure, or hedged figures whose ranges meet: "more than 1,800" and 1,801
    # (a few percent), "more than 500" and "nearly 700" (both hedged: wider ranges).
    if x.value == y.value:
        return True
    vx, vy = _value(x), _value(y)
    if vx is None or vy is None:
        return False
    hx, hy = _hedge(sx, x), _hedge(sy, y)
    if not (hx or hy):
        return False
    tolerance = BOTH_HEDGED_TOLERANCE if hx and hy else HEDGE_TOLERANCE
    lx, ux = _range(vx, hx, tolerance)
    ly, uy = _range(vy, hy, tolerance)
    return lx <= uy and ly <= ux


def other_year(a: Side, b: Side) -> bool:
    """
    Whether one claim dates itself to a year the other does not name (a calendar
    year: "in 1974", not an age or a span, "عن 92 عاما", "for 3 years").
    """
    ya = {f.value for f in a.facts.numbers if _calendar_year(f)}
    yb = {f.value for f in b.facts.numbers if _calendar_year(f)}
    return bool(ya ^ yb)


#: The figures counted in years that name a calendar year rather than a span.
CALENDAR_YEARS = range(1800, 2101)


def _calendar_year(fact: Fact) -> bool:
    return fact.unit == "years" and fact.value.isdigit() and int(fact.value) in CALENDAR_YEARS


#: How the reason of a differing count of a named thing starts ("count of deaths
#: differs: 11 ≠ 16"); the registry's queue gate reads it.
COUNT_PREFIX = "count of "


#: The reason key, beside number_differs, saying that the differing figure counts a thing
#: named by the noun after it though no count noun names it ("15 of his senior aides",
#: "15 من كبار مساعديه"): the reason itself stays "number differs: 11 ≠ 15".
FIGURE_NOUN = "figure_noun"


def _unit_name(unit: str) -> str:
    # a span of time ("92 عاما", "for 3 years") is no count of a named thing
    if unit in _DATES:
        return unit
    return f"{COUNT_PREFIX}{unit}" if unit in _CONCEPTS else "number"


def show_number(fact: Fact) -> str:
    """
    A figure as a reason shows it: "11", or "أحد عشر (11)" when written otherwise.
    """
    if fact.value in (fact.surface, fact.surface.replace(",", "")):
        return fact.value
    return f"{fact.surface} ({fact.value})"


def _by_unit(side: Side) -> dict[str, list[Fact]]:
    # The claim's figures by what they count (not times of day). In a claim about
    # aftershocks a magnitude is an aftershock's ("411 aftershocks, the strongest
    # measuring 5.6"), not the quake's ("the initial 5.9-magnitude quake").
    aftershocks = any(count_noun(word) == "aftershocks" for word in side.folded)
    out: dict[str, list[Fact]] = {}
    for f in side.facts.numbers:
        if f.unit == "clock" or _forecast(side, f):
            continue
        unit = AFTERSHOCK_MAGNITUDE if aftershocks and f.unit == "magnitude" else f.unit
        out.setdefault(unit, []).append(f)
    return out


def _forecast(side: Side, fact: Fact) -> bool:
    # a figure expected, planned or feared ("expected to draw more than half a
    # million", "could reach 10,000"): not a count of what happened
    before = side.folded[max(fact.at - FORECAST_REACH, 0) : fact.at]
    return any(form in _FORECAST for word in before for form in lookup_forms(word))


def _parts_of(parts: list[Fact], side: Side, whole: list[Fact], other: Side) -> bool:
    # Whether the figures ``parts`` of one claim are parts of the other's one figure of
    # the same thing: a breakdown that adds up to it, or of three figures or more to no
    # more than it ("290 وفاة بإقليم الحوز، و190 بإقليم تارودانت، و89 …" against "632
    # وفاة"), or a smaller count marked as a part ("in Minxian alone, 53 dead", "من
    # بينهم 12 طفلا").
    totals = {_value(f) for f in whole}
    values = {_value(f) for f in parts}
    total = next(iter(totals)) if len(totals) == 1 else None
    if total is None or None in values:
        return False
    known = [v for v in values if v is not None]
    if len(known) >= 2:
        # two figures of one thing are as often two kinds ("1,200 collapsed, 21,000
        # damaged") as two parts: only three or more, or an exact sum, are a breakdown
        return sum(known) == total or (len(known) >= MIN_BREAKDOWN and sum(known) <= total)
    return bool(known) and known[0] < total and _partial(side) and not _partial(other)


def _partial(side: Side) -> bool:
    return any(form in _PARTIAL for word in side.folded for form in lookup_forms(word))


# The counts of people by kind that add up to a total of people ("149 passengers and
# eight crew" / "all 157 people on board"); other units (money, distance, magnitude,
# dates) never add up across kinds.
_KINDS_OF_PEOPLE = _TOLLS | {"people", "soldiers", "children"}


def _summed_units(side: Side, other: Side, reasons: dict[str, str]) -> set[str]:
    # The units of ``side``'s counts of people of two kinds or more whose sum is a
    # figure of ``other`` that ``side`` does not give: a breakdown by kind, neither the
    # same figure nor a changed one. Sets the part_of reason.
    parts = [
        f
        for f in side.facts.numbers
        if f.unit in _KINDS_OF_PEOPLE or (f.unit not in _CONCEPTS and f.unit not in ("", "clock"))
    ]
    values = [_value(f) for f in parts]
    units = {f.unit for f in parts}
    if len(parts) < 2 or len(units) < 2 or None in values:
        return set()
    total = sum(v for v in values if v is not None)
    own = {f.value for f in side.facts.numbers}
    for fact in other.facts.numbers:
        if fact.unit in _KINDS_OF_PEOPLE and fact.value not in own and _value(fact) == total:
            reasons.setdefault(
                "part_of",
                f"parts of the count of {fact.unit}: "
                f"{' + '.join(show_number(f) for f in parts)} = {show_number(fact)}",
            )
            return units | {fact.unit}
    return set()


#: What the magnitude in a claim about aftershocks counts.
AFTERSHOCK_MAGNITUDE = "magnitude of aftershocks"


def compare_numbers(a: Side, b: Side, features: dict[str, float], reasons: dict[str, str]) -> None:
    """
    Set the number features of the pair ``a`` (new) / ``b`` (earlier) and their reasons:
    number_differs, count_differs, toll_differs, figures_shared, figures_one_side,
    count_shared, and part_of for a breakdown or a part of the other's count.
    """
    # Numbers are compared by what they count: each unit's figures on both sides.
    # count_differs / count_shared: the figures of a named thing (deaths, injured,
    # houses, …; not a year or a date) differ / agree.
    by_unit_a = _by_unit(a)
    by_unit_b = _by_unit(b)
    shared = one_side = named = 0
    agreeing: list[str] = []
    summed = _summed_units(a, b, reasons) | _summed_units(b, a, reasons)
    for unit in dict.fromkeys([*by_unit_a, *by_unit_b]):
        if unit in summed:
            continue  # a breakdown of the other claim's total by kind
        xs, ys = by_unit_a.get(unit, []), by_unit_b.get(unit, [])
        if not xs or not ys:
            one_side += len(xs) + len(ys)
            continue
        parts = xs if _parts_of(xs, a, ys, b) else ys if _parts_of(ys, b, xs, a) else None
        if parts is not None:
            # a breakdown or a part of the total: neither the same figure nor a change
            whole = ys if parts is xs else xs
            reasons.setdefault(
                "part_of",
                f"part of the {_unit_name(unit).removeprefix(COUNT_PREFIX)} count: "
                f"{', '.join(show_number(f) for f in parts)} of {show_number(whole[0])}",
            )
            continue
        only_new = [x for x in xs if not any(_agree(x, a, y, b) for y in ys)]
        only_old = [y for y in ys if not any(_agree(x, a, y, b) for x in xs)]
        same = [x for x in xs if x not in only_new]
        shared += len(same)
        if unit in _CONCEPTS and unit not in _DATES:
            named += len(same)
        agreeing += [
            f"{show_number(x)}" + (f" ({unit})" if unit in _CONCEPTS else "") for x in same
        ]
        # the first unit that differs names the reason, a named thing before a bare
        # number ("count of deaths differs" rather than "number differs: 4 ≠ 1.03 million")
        if (
            only_new
            and only_old
            and (
                "number_differs" not in features
                or (unit in _CONCEPTS and not reasons["number_differs"].startswith(COUNT_PREFIX))
            )
        ):
            features["number_differs"] = 1.0
            left = ", ".join(dict.fromkeys(show_number(f) for f in only_old))
            right = ", ".join(dict.fromkeys(show_number(f) for f in only_new))
            verb = "differ" if unit in _DATES else "differs"
            reasons["number_differs"] = f"{_unit_name(unit)} {verb}: {left} ≠ {right}"
            reasons.pop(FIGURE_NOUN, None)
            if unit and unit not in _CONCEPTS:
                reasons[FIGURE_NOUN] = f"counts {unit}"
            if unit in COUNTED and unit != "people":
                features["count_differs"] = 1.0
                reasons["count_differs"] = reasons["number_differs"]
            if unit in _TOLLS:
                features["toll_differs"] = 1.0
    features["figures_shared"] = min(shared, 3) / 3
    features["figures_one_side"] = min(one_side, 3) / 3
    features["count_shared"] = min(named, 2) / 2
    if agreeing:
        reasons["figures_shared"] = "same figures: " + ", ".join(dict.fromkeys(agreeing))
