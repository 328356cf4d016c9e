"""EX-02 … EX-11 on the records read from a package: one function per check, each returning its findings.

EX-01 (layout), EX-03 (encoding) and EX-04 (.prj) are found while the package is opened and read; EX-07
(PAR-01/PAR-02) comes from the parcels area's own bulk service while loading (nothing stays written), and
EX-08's parcel half compares SCMJ with the geodesic areas that service computed.
"""

from __future__ import annotations

from ..findings import Finding
from ..parties import party_checks
from .codes import ex05_codes
from .data import Data
from .links import ex06_leases, ex06_references, ex08_contract_areas, ex08_parcel_areas, ex10_terms
from .people import ex09_persons
from .structure import ex02_mandatory, ex04_zone, ex11_code_lists

__all__ = ["Data", "ex08_parcel_areas", "run_all"]


def run_all(d: Data, session) -> list[Finding]:
    """Every record check; the DB-backed halves see what is registered already."""
    return (
        ex02_mandatory(d)
        + ex04_zone(d)
        + ex05_codes(d, session)
        + ex06_references(d)
        + ex06_leases(d)
        + ex08_contract_areas(d)
        + ex09_persons(d, session)
        + ex10_terms(d)
        + ex11_code_lists(d)
        + party_checks(d)
    )
