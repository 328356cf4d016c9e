"""Share services (no Flask), split along their seams; the redemption handler of the one exit path
(registry/exits) is plugged in by shares.plug_in."""

from .distributions import approve_distribution, create_distribution, get_distribution
from .holdings import adjust_holdings, adopt_share_plan, total_shares
from .inheritance import inherit_shares
from .payments import list_payments, record_payment
from .queries import (
    in_inspection_count,
    list_distributions,
    list_holders,
    list_holdings,
    list_register,
    share_plan,
)
from .settings import ShareSettings
from .transfers import transfer_shares

__all__ = [
    "ShareSettings",
    "adjust_holdings",
    "adopt_share_plan",
    "approve_distribution",
    "create_distribution",
    "get_distribution",
    "in_inspection_count",
    "inherit_shares",
    "list_distributions",
    "list_holders",
    "list_holdings",
    "list_payments",
    "list_register",
    "record_payment",
    "share_plan",
    "total_shares",
    "transfer_shares",
]
