"""`roster import`: a 成员名册 sheet with a title row, the header on row 3 and merged household cells; the
memberships are confirmed by the earlier resolution (art. 66), MEM-01 still holding, all or nothing."""

from __future__ import annotations

from openpyxl import Workbook
from sqlalchemy import func, select

from registry.db import db
from registry.membership.models import Membership
from registry.people.models import Household, HouseholdMember, Person
from tests.factories_exchange import id_number

HEADER = [
    "序号",
    "户主",
    "家庭总人口数",
    "户内成员姓名",
    "与户主关系",
    "性别",
    "身份证号",
    "证件类型",
    "家庭住址",
    "联系电话",
    "备注",
]


def _roster(path, households):
    wb = Workbook()
    ws = wb.active
    ws.append(["东村股份经济合作社成员确认登记汇总表"])
    ws.append(["填报单位：东村", None, None, None, None, None, None, None, None, None, "2019年12月"])
    ws.append(HEADER)
    row = 4
    for i, members in enumerate(households, start=1):
        first = row
        for j, (name, relation, number) in enumerate(members):
            ws.append(
                [
                    i if j == 0 else None,
                    members[0][0] if j == 0 else None,
                    len(members) if j == 0 else None,
                    name,
                    relation,
                    "男",
                    number,
                    "身份证",
                    "东村",
                    None,
                    None,
                ]
            )
            row += 1
        for col in (1, 2, 3):
            ws.merge_cells(start_row=first, start_column=col, end_row=row - 1, end_column=col)
    wb.save(path)
    return path


def _run(cli, path, world, *extra):
    return cli.invoke(
        args=[
            "roster",
            "import",
            str(path),
            "--collective",
            world.village_a,
            "--resolution-ref",
            "东村2019年成员大会决议第3号",
            *extra,
        ]
    )


def _count(app, model):
    with app.app_context():
        n = db.session.scalar(select(func.count()).select_from(model))
        db.session.remove()
    return n


def test_a_roster_with_merged_cells_records_households_and_earlier_confirmations(app, world, cli, tmp_path):
    path = _roster(
        tmp_path / "r.xlsx",
        [
            [
                ("王大山", "户主", id_number(1)),
                ("李秀英", "妻子", id_number(2, "2")),
                ("王小明", "长子", id_number(3)),
            ],
            [("赵四", "本人", id_number(4))],
        ],
    )
    result = _run(cli, path, world)
    assert result.exit_code == 0, result.output
    with app.app_context():
        households = db.session.scalars(
            select(Household).where(Household.collective_code == world.village_a)
        ).all()
        assert len(households) == 2
        relations = sorted(db.session.scalars(select(HouseholdMember.relation)))
        assert relations == ["02", "02", "12", "22"]
        members = db.session.scalars(select(Membership)).all()
        assert len(members) == 4 and all(m.status == "active" and m.resolution_id is None for m in members)
        assert "东村2019年成员大会决议第3号" in members[0].basis_text
        db.session.remove()


def test_mem01_a_person_active_elsewhere_refuses_the_whole_roster(app, world, cli, tmp_path):
    first = _roster(tmp_path / "a.xlsx", [[("王大山", "户主", id_number(1))]])
    assert _run(cli, first, world).exit_code == 0
    second = _roster(
        tmp_path / "b.xlsx", [[("赵四", "户主", id_number(4))], [("王大山", "户主", id_number(1))]]
    )
    result = cli.invoke(
        args=[
            "roster",
            "import",
            str(second),
            "--collective",
            world.village_b,
            "--resolution-ref",
            "西村决议",
            "--lang",
            "en",
        ]
    )
    assert result.exit_code == 1 and "MEM-01" in result.output
    assert _count(app, Person) == 1 and _count(app, Membership) == 1


def test_an_unknown_relation_or_a_bad_number_refuses_and_dry_run_writes_nothing(app, world, cli, tmp_path):
    bad = _roster(tmp_path / "bad.xlsx", [[("王大山", "户主", id_number(1)), ("某某", "邻居", id_number(2))]])
    assert _run(cli, bad, world).exit_code == 1
    good = _roster(tmp_path / "good.xlsx", [[("王大山", "户主", id_number(1))]])
    result = _run(cli, good, world, "--dry-run")
    assert result.exit_code == 0 and "dry_run" in result.output
    assert _count(app, Person) == 0 and _count(app, Membership) == 0
