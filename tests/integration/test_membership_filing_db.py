"""The database keeps filed batches immutable and roster changes append-only (MEM-06), whatever the caller."""

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from registry.membership import services
from registry.membership.models import RosterChange
from tests.factories import VILLAGE_A, make_person
from tests.factories_membership import clerk_of, confirm


def _filed(session):
    confirm(session, make_person(session), VILLAGE_A)
    return services.file_changes(session, clerk_of(VILLAGE_A), VILLAGE_A, "乡镇回执", "县局回执")


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE membership_filings SET county_ref = 'changed'",
        "DELETE FROM membership_filings",
        "UPDATE roster_changes SET reason = 'death'",
        "UPDATE roster_changes SET filing_id = NULL",
        "DELETE FROM roster_changes",
    ],
)
def test_a_filed_batch_and_its_changes_cannot_be_altered_mem_06(session, world, statement):
    _filed(session)
    with pytest.raises(IntegrityError, match="membership_filing_immutable"):
        session.execute(text(statement))


def test_an_unfiled_change_may_only_be_attached_to_a_batch_mem_06(session, world):
    confirm(session, make_person(session), VILLAGE_A)
    with pytest.raises(IntegrityError, match="membership_filing_immutable"):
        session.execute(text("UPDATE roster_changes SET on_date = on_date - 1"))
    session.rollback()


def test_filing_without_changes_is_refused_and_with_changes_allowed_mem_06(session, world):
    from registry.errors import RuleViolation

    with pytest.raises(RuleViolation) as err:
        services.file_changes(session, clerk_of(VILLAGE_A), VILLAGE_A, "乡镇回执", "县局回执")
    assert err.value.rule == "MEM-06"
    batch = _filed(session)
    assert batch.change_count == 1 and [c.filing_id for c in batch.changes] == [batch.id]
    assert session.query(RosterChange).filter(RosterChange.filing_id.is_(None)).count() == 0
