"""Membership services (no Flask). Other areas import from here; the work is split along its seams:

applications (RS-03), resolutions (MEM-01..03), endings (MEM-04, MEM-05, MEM-07), roster queries, filing
(MEM-06).
"""

from .applications import (
    application_from_move_in,
    list_applications,
    submit_application,
    withdraw_application,
)
from .endings import end_membership, end_membership_for_death
from .filing import file_changes, get_filing, list_filings, roster_changes
from .resolutions import adopt_resolution
from .roster import active_member_count, active_membership, is_active_member, person_history, roster

__all__ = [
    "active_member_count",
    "active_membership",
    "adopt_resolution",
    "application_from_move_in",
    "end_membership",
    "end_membership_for_death",
    "file_changes",
    "get_filing",
    "is_active_member",
    "list_applications",
    "list_filings",
    "person_history",
    "roster",
    "roster_changes",
    "submit_application",
    "withdraw_application",
]
