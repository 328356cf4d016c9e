"""SH-02 under concurrency: two transfers to the same person that each fit the cap but together exceed it;
the per-collective writer lock lets exactly one through."""

import threading

from tests.factories import VILLAGE_A
from tests.factories_shares import quantified_village


def test_concurrent_transfers_cannot_together_exceed_the_cap_sh_02(app, api):
    codes = [c for c, _ in quantified_village(app, api, [1] * 40)]  # 400 shares, cap 12 per person
    headers = {"Authorization": f"Bearer {api.token('clerk')}"}
    barrier = threading.Barrier(2)
    statuses = []

    def transfer(source):
        client = app.test_client()
        barrier.wait()
        r = client.post(
            f"/api/v1/collectives/{VILLAGE_A}/share-transfers",
            headers=headers,
            json={"from_household_code": source, "to_household_code": codes[0], "shares": 2},
        )
        statuses.append((r.status_code, (r.get_json() or {}).get("rule")))

    threads = [threading.Thread(target=transfer, args=(source,)) for source in codes[1:3]]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [(201, None), (422, "SH-02")]
    held = {
        i["household_code"]: i["shares"]
        for i in api.get(
            f"/api/v1/collectives/{VILLAGE_A}/share-holdings", query_string={"per_page": 100}
        ).get_json()["items"]
    }
    assert held[codes[0]] == 12 and sum(held.values()) == 400
