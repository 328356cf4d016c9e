"""Land contract rights (土地承包经营权): contracts, their register (登记簿), transfers, swaps, surrender,
lawful termination, household split and merge, and management-right leases (土地经营权流转)."""


def plug_in(app) -> None:
    """Called by create_app in the order of registry.AREAS."""
    from ..api import register_api_blueprints
    from ..certificates.rights import register_source
    from ..exits.handlers import register_exit_handler
    from ..parcels.search import register_holder_source
    from ..people.household_changes import on_household_change
    from .certificate_source import LandContractCertificates
    from .holders import parcel_holders
    from .households import follow_household
    from .routes import blp
    from .surrender import LandContractExit

    register_exit_handler("land_contract", LandContractExit())
    register_source("land_contract", LandContractCertificates())
    on_household_change(follow_household)
    register_holder_source(parcel_holders)
    register_api_blueprints(app, blp)
