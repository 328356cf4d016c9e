"""Parcels (地块) and the basic-farmland layer (PAR-01..03, HS-06)."""


def plug_in(app) -> None:
    """Called by create_app in the order of registry.AREAS."""
    from ..api import register_api_blueprints
    from .cli import parcels_cli
    from .routes import basic_farmland, parcels

    register_api_blueprints(app, parcels, basic_farmland)
    app.cli.add_command(parcels_cli)
