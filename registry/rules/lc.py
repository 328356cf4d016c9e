"""LC-*: land contracts."""

from .rule import _LCL, Rule

RULES: tuple[Rule, ...] = (
    Rule(
        "LC-01",
        "家庭承包的承包方是本集体经济组织的农户，且至少有一名本集体有效成员。",
        "The contracting party of a family contract is a household of the issuing collective with at least "
        "one "
        "active member.",
        _LCL + "第十六条",
    ),
    Rule(
        "LC-02",
        "承包期：耕地三十年，草地三十至五十年，林地三十至七十年；耕地承包期届满后再延长三十年；终止日期须晚于"
        "起始日期。",
        "Terms: arable 30 years, grassland 30-50, forest 30-70; an arable extension adds 30 years; end after "
        "start.",
        _LCL + "第二十一条",
    ),
    Rule(
        "LC-03",
        "一个地块至多属于一份有效承包合同。",
        "A parcel is in at most one active contract.",
        _LCL + "第二十二条",
    ),
    Rule(
        "LC-04",
        "承包合同和证书须列明享有承包权的全部家庭成员，包括妇女。",
        "The contract and certificate list every household member sharing the right, women included.",
        _LCL + "第二十四条；《妇女权益保障法》第五十五条",
    ),
    Rule(
        "LC-05",
        "承包期内发包方不得收回承包地；承包合同仅因交回、转让、征收或土地灭失而终止，不得以进城落户、结婚、离"
        "婚、丧偶等为由终止。",
        "During the term the issuer may not take land back: a contract ends only by surrender, transfer, "
        "expropriation or destruction of the land.",
        _LCL + "第二十七条、第三十一条",
    ),
    Rule(
        "LC-06",
        "交回承包地须提前六个月书面通知发包方并获得合理补偿；交回后在本承包期内不得再要求承包土地。",
        "Surrender needs written notice ≥ 6 months ahead and compensation; afterwards no new contract land "
        "in the "
        "same term.",
        _LCL + "第三十条",
    ),
    Rule(
        "LC-07",
        "承包经营权转让只能在本集体经济组织的农户之间进行，并经发包方同意。",
        "A transfer goes only to another household of the same collective, with the issuer's consent.",
        _LCL + "第三十四条",
    ),
    Rule(
        "LC-08",
        "互换只能在同一集体经济组织的农户之间进行，并报发包方备案。",
        "A swap is between two households of the same collective, filed with the issuer.",
        _LCL + "第三十三条",
    ),
    Rule(
        "LC-09",
        "土地经营权流转期限不得超过承包期剩余期限，不得改变土地农业用途，应签订书面合同；流转期限五年以上的可"
        "以登记。",
        "A management-right transfer ends no later than the contract, keeps agricultural use, is written; "
        "only "
        "transfers of ≥ 5 years may be registered.",
        _LCL + "第三十八条、第四十一条",
    ),
    Rule(
        "LC-10",
        "受让方再流转或以土地经营权融资担保，须经承包方书面同意并向发包方备案。",
        "A lessee may re-lease or mortgage only with the holder's written consent, filed.",
        _LCL + "第四十六条、第四十七条",
    ),
)
