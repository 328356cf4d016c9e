import re
from pathlib import Path

import pytest

from registry.rules import RULES

SHARED = Path(__file__).resolve().parents[3] / "shared" / "rules.md"


def test_every_rule_has_texts_and_a_source():
    for r in RULES:
        assert r.text_zh and r.text_en and r.source, r.id
    assert len({r.id for r in RULES}) == len(RULES)


def test_catalogue_covers_every_id_of_the_shared_rule_book():
    if not SHARED.exists():
        pytest.skip(f"the shared rule book {SHARED} is not here")
    ids = set(re.findall(r"\*\*([A-Z]{2,3}-\d{2})\*\*", SHARED.read_text()))
    assert ids <= {r.id for r in RULES}
