"""The web UI's blueprints. create_app registers WEB_BLUEPRINTS; every page hangs under the `web` blueprint
so sign-in, CSRF, language and error pages apply to all of them."""
from __future__ import annotations

# Importing a module registers its views on the clerk or review blueprint.
from . import certification, review_homesteads  # noqa: F401
from . import review_map  # noqa: F401
from .clerk import bp as clerk
from .clerk import contracts, dashboard, exits, homesteads, households, membership, parcels, roster, shares  # noqa: F401
from .core import web
from .police import bp as police
from .review import bp as review

for child in (clerk, police, review):
    web.register_blueprint(child)

WEB_BLUEPRINTS = [web]
