"""
schema.org ClaimReview JSON-LD in and out.

Export (:mod:`~factreg.claimreview.export`) writes one ClaimReview per cluster that has a
verdict of the organisation's own, authored by that organisation, and one per fact check
imported from elsewhere, reproduced as its publisher wrote it (value, scale and label
exactly). Import (:mod:`~factreg.claimreview.feeds`) reads ClaimReview objects, arrays of
them, ``@graph`` documents and Google Fact Check Tools search responses; each reviewed
claim becomes a Claim per article it appeared in, carrying the reviews as
:class:`~factreg.model.FactCheck` values, its status read from the rating.

Ratings (:mod:`~factreg.claimreview.ratings`): a verdict maps to ``ratingValue`` 1
(false) .. 5 (true); a value on another scale is rescaled to 1..5 for the status only. A
textual rating maps through :data:`LABELS` (package data, read-only), looked up case- and
diacritic-insensitively; an import extends it for itself with ``labels=`` or a labels
file (:func:`load_labels`). The mapping and its reasons are documented in
``docs/claimreview.md``.

Reading is all-or-nothing by default: the first malformed item raises InputError naming
the file, the JSON path of the item and the field, before anything is registered; with
``skip_invalid`` each malformed review is left out and reported instead. A textual
rating that is no label of the table is read by its verdict words
(:data:`VERDICT_WORDS`, :mod:`~factreg.claimreview.verdicts`: Arabic word forms and
prefixes, negation, qualifiers, cues); dates are read in ISO 8601, RFC 2822 and the
variants publishers emit (:func:`parse_date`), and kept as written for export.
"""

from factreg.claimreview.dates import parse_date
from factreg.claimreview.export import (
    SCHEMA,
    Organization,
    Review,
    build_reviews,
    imported_verdict,
    json_ld_script,
    own_verdict,
    write_review_dir,
    write_reviews,
)
from factreg.claimreview.feeds import (
    FEED_SUFFIXES,
    MAX_FEED_BYTES,
    Feed,
    FeedItem,
    read_feed,
    read_feeds,
    same_review,
)
from factreg.claimreview.ratings import (
    BEST_RATING,
    LABEL_LANGUAGES,
    LABELS,
    RATING_LABELS,
    VERDICT_WORDS,
    WORST_RATING,
    LabelReader,
    label_index,
    load_labels,
    rating_label,
    status_for_label,
    status_for_rating,
)

__all__ = [
    "BEST_RATING",
    "FEED_SUFFIXES",
    "LABELS",
    "LABEL_LANGUAGES",
    "MAX_FEED_BYTES",
    "RATING_LABELS",
    "SCHEMA",
    "VERDICT_WORDS",
    "WORST_RATING",
    "Feed",
    "FeedItem",
    "LabelReader",
    "Organization",
    "Review",
    "build_reviews",
    "imported_verdict",
    "json_ld_script",
    "label_index",
    "load_labels",
    "own_verdict",
    "parse_date",
    "rating_label",
    "read_feed",
    "read_feeds",
    "same_review",
    "status_for_label",
    "status_for_rating",
    "write_review_dir",
    "write_reviews",
]
