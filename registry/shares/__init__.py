"""Shares and dividends (SH-01..05): quantification plans, holdings and their register, transfers,
inheritance, redemption through the one exit path, distributions with exact largest-remainder allocation,
and the payment ledger."""


def plug_in(app) -> None:
    """Called by create_app in the order of registry.AREAS."""
    from ..api import register_api_blueprints
    from ..exits.handlers import register_exit_handler
    from .redemption import SharesExit
    from .routes import distributions, shares

    register_exit_handler("shares", SharesExit())
    register_api_blueprints(app, shares, distributions)
