"""
Claims as the store writes them: records, stored JSON, and a feed read into records.
"""

from __future__ import annotations

import io
import json

from hypothesis import given
from hypothesis import strategies as st

from factreg.convert import converter
from factreg.model import Claim, claim_fingerprint
from factreg.normalize import index_text
from factreg.store.records import claim_record, json_text, read_records
from tests.strategies import claims

_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@given(_JSON_VALUES)
def test_json_text_writes_what_json_dumps_writes(value: object) -> None:
    """
    The stored JSON of any value is exactly json.dumps' compact, UTF-8-keeping text.
    """
    assert json.dumps(value, ensure_ascii=False, separators=(",", ":")) == json_text(value)


class TestClaimRecord:
    @given(claims())
    def test_a_record_holds_every_field_as_stored(self, claim: Claim) -> None:
        """
        A record carries each field of the claim (lists as JSON, times as ISO text), the
        index terms and the fingerprint.
        """
        record = claim_record(claim)

        assert (claim.id, claim.text, claim.lang, claim.source, claim.claimant) == record[:5]
        assert [list(claim.attribution), list(claim.evidence), list(claim.tags)] == [
            json.loads(record.attribution),
            json.loads(record.evidence),
            json.loads(record.tags),
        ]
        assert converter.unstructure(claim.fact_checks) == json.loads(record.fact_checks)
        assert (claim.status.value, claim.confidence, claim.note, claim.version, claim.cluster) == (
            record.status,
            record.confidence,
            record.note,
            record.version,
            record.cluster,
        )
        assert (claim.created_at.isoformat(), claim.updated_at.isoformat()) == (
            record.created_at,
            record.updated_at,
        )
        assert index_text(claim.text) == record.terms
        assert claim_fingerprint(claim.text, claim.source) == record.fingerprint

    def test_records_of_one_article_share_one_source(self) -> None:
        """
        Claims of one article read in one chunk carry one Source object, so the writer
        resolves (and a worker pickles) it once.
        """
        source = {"url": "https://example.org/a", "publisher": "P"}
        data = b"".join(
            json.dumps({"text": f"claim {i}", "source": source}).encode() + b"\n" for i in range(3)
        )

        records = [
            item for _, _, item in read_records(io.BytesIO(data), name="f.jsonl", parallel=False)
        ]

        assert 3 == len(records)
        assert all(r.source is records[0].source for r in records)  # type: ignore[union-attr]
