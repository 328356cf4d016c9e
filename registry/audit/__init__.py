"""The hash-chained audit log: every write and every audited refusal (UR-05)."""


def plug_in(app) -> None:
    """Called by create_app in the order of registry.AREAS."""
    from ..api import register_api_blueprints, use_audit_record
    from .routes import blp
    from .services import record

    use_audit_record(record)  # UR-05: the API's error handler keeps refused attempts
    register_api_blueprints(app, blp)
