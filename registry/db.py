"""Declarative base with a fixed constraint naming convention, the session, and transaction helpers."""
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData, text
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)


def advisory_xact_lock(session, namespace: str, key: str = "") -> None:
    """Serialize writers on (namespace, key) until the transaction ends."""
    session.execute(
        text("SELECT pg_advisory_xact_lock(hashtext(:ns), hashtext(:key))"), {"ns": namespace, "key": key}
    )


def one_of(column: str, values: tuple[str, ...]) -> str:
    """The CHECK text for a code list, from the same tuple the services and schemas use (the text the
    migrations wrote: `col IN ('a','b')`)."""
    assert all("'" not in v for v in values)
    return f"{column} IN ({','.join(repr(v) for v in values)})"
