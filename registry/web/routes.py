"""The web UI's blueprints. web.plug_in registers WEB_BLUEPRINTS; every page hangs under the `web` blueprint
so sign-in, CSRF, language and error pages apply to all of them."""

from __future__ import annotations

# Importing a module adds its views to the clerk or review blueprint.
from . import certification, review_homesteads  # noqa: F401
from .clerk import COUNTERS, SECTIONS
from . import map_search, review_map  # noqa: F401
from . import admin_audit, admin_users, review_statistics  # noqa: F401
from . import exchange_pages  # noqa: F401
from .clerk import bp as clerk
from .clerk import contracts, dashboard, exits, homesteads, households, membership, parcels, roster, shares  # noqa: F401
from .core import web
from .police import bp as police
from .review import bp as review

for child in (clerk, police, review):
    web.register_blueprint(child)

WEB_BLUEPRINTS = [web]


def fill_pages() -> None:
    """The dashboard's counters and the household page's sections, in the order they are shown."""
    COUNTERS[:] = [
        *dashboard.OWN_COUNTERS,
        certification.COUNTER,
        contracts.COUNTER,
        homesteads.COUNTER,
        *membership.OWN_COUNTERS,
        parcels.COUNTER,
        shares.COUNTER,
    ]
    SECTIONS[:] = [contracts.SECTION, homesteads.SECTION, shares.SECTION]
