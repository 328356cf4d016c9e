"""UR-02: the guard recognises urban settlement as a reason or condition, in codes and free text."""

import pytest

from registry.errors import RuleViolation
from registry.exits.guard import names_urban_settlement, refuse_settlement_linkage


@pytest.mark.parametrize(
    "text",
    [
        "urban_settlement",
        "进城落户",
        "本人已落户城镇",
        "户口迁入城镇",
        "已转为城镇户口",
        "因进 城 落户需要",
        "农转非",
        "落户县城后退出",
        "settled in the city",
        "condition: urban settlement",
        "moved to town",
        "办理城市户籍",
        "迁往城市",
    ],
)
def test_settlement_reasons_are_recognised_ur_02(text):
    assert names_urban_settlement(text)


@pytest.mark.parametrize(
    "text",
    [
        "自愿退出，另有住房",
        "家庭经营困难，自愿有偿交回",
        "voluntary exit, moving abroad",
        "年老无力耕种",
        "",
        None,
        "城关镇东关村",
        "外出务工多年，自愿交回",
    ],
)
def test_ordinary_reasons_pass_ur_02(text):
    assert not names_urban_settlement(text)


def test_the_guard_raises_an_audited_ur_02_refusal():
    with pytest.raises(RuleViolation) as e:
        refuse_settlement_linkage("自愿", "进城落户", entity="exit", entity_id="x", action="exit.file")
    assert e.value.rule == "UR-02" and e.value.audit_refusal
