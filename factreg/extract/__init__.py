"""
Article text -> candidate claims: sentences, clauses, who said them, how check-worthy.

Pure: the only step that touches bytes is :func:`decode_article`, and it reads nothing
itself. The pipeline, one module per job:

1. :mod:`~factreg.extract.decode`: :func:`decode_article` turns the bytes of an article
   into text (UTF-8 with or without BOM; Windows-1256 or ISO-8859-6 when asked or when the
   bytes are plainly Arabic in one of them), refusing undecodable input rather than
   replacing characters.
2. :mod:`~factreg.extract.sentences`: :func:`split_sentences` cuts the text into sentences
   over Arabic and Latin punctuation, joining lines broken mid-sentence and keeping
   quotations and abbreviations whole.
3. :mod:`~factreg.extract.attribution` finds each sentence's attribution (who is cited,
   through whom) and the reported content (English frames in
   :mod:`~factreg.extract.english`; sources' noun phrases in
   :mod:`~factreg.extract.sources`).
4. :mod:`~factreg.extract.checkworthy` scores a clause for check-worthiness;
   :mod:`~factreg.extract.claims` holds :func:`extract_claims`, which splits the content
   at clause boundaries and returns the clauses at or above a threshold.

:mod:`~factreg.extract.article` finds headlines, datelines, bylines and agency wires;
:mod:`~factreg.extract.names` tidies and resolves sources' names and tells a person from
an organisation and an unnamed source (:func:`claimant_kind`), and a source from a clause
fragment (:func:`plausible_claimant`).

The cue lists (reporting verbs, citation forms, clause openers, gazetteer, abbreviations,
unnamed sources …) are package data in ``factreg/data/extract/``.

Offsets. Every ``(start, end)`` this package returns indexes the string it was given: for
an article read from bytes, the string :func:`decode_article` returned (BOM removed, line
ends normalised to ``"\\n"``). ``text[claim.start:claim.end] == claim.text`` always holds;
claim text is never rewritten, so it may contain the line breaks of the original.
"""

from factreg.extract.claims import MIN_CHECKWORTHINESS, ExtractedClaim, extract_claims
from factreg.extract.decode import decode_article
from factreg.extract.names import ClaimantKind, claimant_kind, plausible_claimant
from factreg.extract.sentences import split_sentences

__all__ = [
    "MIN_CHECKWORTHINESS",
    "ClaimantKind",
    "ExtractedClaim",
    "claimant_kind",
    "decode_article",
    "extract_claims",
    "plausible_claimant",
    "split_sentences",
]
