"""Hukou events, rural-settlement confirmations for police stations (RS-01..03) and the linkage report."""


def plug_in(app) -> None:
    """Called by create_app in the order of registry.AREAS."""
    from ..api import register_api_blueprints
    from ..exits.handlers import register_settlement_events
    from .linkage import HukouSettlementEvents
    from .routes import confirmations, hukou, reports

    register_settlement_events(HukouSettlementEvents())
    register_api_blueprints(app, hukou, confirmations, reports)
