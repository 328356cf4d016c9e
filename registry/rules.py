"""The rule catalogue (../shared/rules.md) as data: ID, Chinese text, English text, legal source."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    id: str
    text_zh: str
    text_en: str
    source: str


_ORG = "《农村集体经济组织法》"
_LCL = "《农村土地承包法》"
_LML = "《土地管理法》"

RULES: tuple[Rule, ...] = (
    Rule(
        "PER-01",
        "公民身份号码须为18位，校验码符合MOD 11-2，出生日期真实且不晚于今日；性别和出生日期由号码推导。",
        "A citizen ID number has 18 characters, a valid MOD 11-2 check character and a real, non-future "
        "birth "
        "date; sex and birth date are derived from it.",
        "GB 11643-1999",
    ),
    Rule("PER-02", "一个公民身份号码只对应一个人。", "One person per citizen ID number.", "GB 11643-1999"),
    Rule(
        "PER-03",
        "编码符合国家标准（集体14位、承包方18位、地块19位、承包合同19位、流转合同18位、宅基地单元28位），由登"
        "记系统按序分配，永不重复使用。",
        "Codes follow the national standards and are assigned by the registry in sequence, never reused.",
        "NY/T 2539-2016; GB/T 37346-2019; GB/T 2260",
    ),
    Rule(
        "PER-04",
        "公民身份号码的地址码须为GB/T 2260中存在的行政区划：前两位为省级行政区，三、四位为地级行政区（01—70"
        "）或省直辖县级行政区（90）。",
        "The address code of a citizen ID number names a GB/T 2260 region: a province, and a prefecture in "
        "it "
        "(01-70) or the counties the province administers directly (90).",
        "GB 11643-1999; GB/T 2260",
    ),
    Rule(
        "PER-05",
        "与户主关系代码须与公民身份号码中的性别相符：子、女婿、父亲等只适用于男性，女、儿媳、母亲等只适用于女"
        "性。",
        "A relation code that names a man (son, son-in-law, father …) or a woman (daughter, "
        "daughter-in-law, "
        "mother …) fits only a person of that sex by the citizen ID number.",
        "GB/T 4761-2008; GB 11643-1999",
    ),
    Rule(
        "MEM-01",
        "一人在所有集体经济组织中至多有一个有效成员身份；另一集体确认其成员身份时，原成员身份同时终止（取得其"
        "他集体成员身份）。",
        "A person holds at most one active membership; when another collective confirms them, the old one "
        "ends "
        "at that moment with reason acquired_other.",
        _ORG + "第十七条第一款第三项",
    ),
    Rule(
        "MEM-02",
        "成员身份只能由成员大会决议确认：提前十日通知，有完全民事行为能力成员三分之二以上出席，全体成员三分之"
        "二以上同意；成员代表大会不得确认成员。",
        "Membership is confirmed only by a members' assembly noticed ≥ 10 days ahead, attended by ≥ 2/3 of "
        "members "
        "with full capacity and approved by ≥ 2/3 of all members; a representatives' assembly cannot "
        "confirm.",
        _ORG + "第二十七条、第二十八条",
    ),
    Rule(
        "MEM-03",
        "成员所生子女申请确认成员身份的，应当确认，不得决议否决。",
        "A child born to a member shall be confirmed: a resolution rejecting it is refused.",
        _ORG + "第十二条",
    ),
    Rule(
        "MEM-04",
        "成员身份仅因死亡、丧失中国国籍、取得其他集体成员身份、成为公务员（聘任制除外）、书面申请自愿退出或法"
        "律章程规定的其他事由而丧失。",
        "A membership ends only for death, loss of nationality, acquiring another membership, becoming a "
        "civil "
        "servant (not a contract one), voluntary exit, or another cause stated in law or charter.",
        _ORG + "第十六条、第十七条",
    ),
    Rule(
        "MEM-05",
        "因求学、服役、务工、经商、结婚（另一集体确认前）、离婚、丧偶、服刑、进城落户等，不得取消成员身份。",
        "Study, military service, migrant work, business, marriage, divorce, widowhood, imprisonment or "
        "urban "
        "settlement never end a membership.",
        _ORG + "第十八条",
    ),
    Rule(
        "MEM-06",
        "成员名册的每次变更须报乡镇人民政府和县级农业农村主管部门备案。",
        "Every roster change is filed with the township and the county agricultural department.",
        _ORG + "第十二条",
    ),
    Rule(
        "MEM-07",
        "妇女享有与男子平等的权利，任何规则或理由不得以性别或婚姻状况为依据。",
        "Women have equal rights: no rule or reason may be keyed on sex or marital status.",
        _ORG + "第八条；《妇女权益保障法》第五十五条",
    ),
    Rule(
        "PAR-01",
        "地块图形须为受支持坐标系下有效、非空的面或多面；无效图形予以拒绝并说明原因，不得静默修复。",
        "A parcel geometry must be a valid, non-empty Polygon/MultiPolygon in a supported CRS; invalid "
        "geometry is "
        "refused with its reason, never silently repaired.",
        "GB/T 21010; CGCS2000",
    ),
    Rule(
        "PAR-02",
        "现行地块不得重叠：内部相交面积超过0.01平方米即为冲突，共边不冲突。",
        "Current parcels may not overlap: interiors intersecting by more than 0.01 m² conflict; shared "
        "edges do not.",
        _LCL + "第二十四条",
    ),
    Rule(
        "PAR-03",
        "面积按CGCS2000（GRS80椭球）计算椭球面积，以平方米和亩报告（1亩=2000/3平方米）。",
        "Area is geodesic on CGCS2000/GRS80, reported in m² and mu (1 mu = 2000/3 m²).",
        "CGCS2000",
    ),
    Rule(
        "PAR-04",
        "地块须位于集体经济组织所在县：始终在该县的高斯-克吕格3度带内；管理员已载入县界的，须在县界以内。",
        "A parcel lies in its collective's county: always within the county's Gauss-Krüger 3° zone, and "
        "within "
        "the county boundary once an administrator has loaded one.",
        "CGCS2000; GB/T 2260",
    ),
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
    Rule(
        "HS-01",
        "一户只能拥有一处宅基地：每户至多一项有效宅基地使用权或在办申请。",
        "One household, one homestead: at most one active homestead right or open application.",
        _LML + "第六十二条",
    ),
    Rule(
        "HS-02",
        "宅基地面积不得超过省级规定的标准（按地形分类）。",
        "Area must not exceed the provincial cap for the terrain.",
        _LML + "第六十二条；各省土地管理条例",
    ),
    Rule(
        "HS-03",
        "申请户须包括土地所有权人集体经济组织的有效成员。",
        "The applying household includes an active member of the collective owning the land.",
        _LML + "第六十二条",
    ),
    Rule(
        "HS-04",
        "宅基地申请须经集体内公示（不少于七日）、无未处理异议、乡镇审批后方可登记。",
        "Application → publicity ≥ 7 days → no open objection → approval → registration.",
        "《土地管理法实施条例》第三十四条",
    ),
    Rule(
        "HS-05",
        "出卖、出租、赠与住宅后，再申请宅基地的，不予批准。",
        "A household that sold, rented out or gave away its house cannot apply again.",
        _LML + "第六十二条",
    ),
    Rule(
        "HS-06",
        "宅基地不得占用永久基本农田。",
        "A homestead may not lie on basic farmland.",
        _LML + "第三十五条、第三十七条",
    ),
    Rule(
        "HS-07",
        "非本集体成员继承房屋的，可依法登记宅基地使用权，并注记「该权利人为本农民集体经济组织原成员住宅的合法"
        "继承人」。",
        "A non-member heir of a house may hold the homestead only with the house, with the mandated note.",
        "自然资源部《关于加快宅基地和集体建设用地使用权确权登记工作的通知》",
    ),
    Rule(
        "HS-08",
        "宅基地申请的公示开始日期不得晚于今日，也不得早于申请一年以上。",
        "A homestead publicity does not start in the future, nor more than a year before the application.",
        "《土地管理法实施条例》第三十四条",
    ),
    Rule(
        "SH-01",
        "集体资产份额按成员大会通过的方案量化到成员、以户记载；静态管理下户内份额不随人口增减而变动。",
        "Shares are quantified by an assembly-adopted plan and recorded per household; under static "
        "management a "
        "household's total does not follow births and deaths.",
        _ORG + "第四十条",
    ),
    Rule(
        "SH-02",
        "份额只能在本集体成员所在户之间转让，任何个人持有份额不得超过章程上限（默认总份额的3%）。",
        "Shares move only between members' households of the same collective; no person may exceed the "
        "charter cap.",
        "《浙江省农村集体经济组织股份合作制改革条例》",
    ),
    Rule(
        "SH-03",
        "份额可以继承；非成员继承人享有收益分配权，但无表决权。",
        "Shares are inheritable; a non-member heir receives dividends but has no vote.",
        "《上海市农村集体资产监督管理条例》",
    ),
    Rule(
        "SH-04",
        "收益分配先提取公积公益金（不低于章程规定比例，默认30%），其余按份额以分为单位分配，合计与可分配总额"
        "完全相等。",
        "A distribution withholds the reserve first, then divides the rest by shares in whole fen, summing "
        "exactly.",
        _ORG + "第四十二条",
    ),
    Rule(
        "SH-05",
        "收益分配方案须在成员大会表决前公示不少于十日。",
        "A distribution plan is open for inspection ≥ 10 days before approval.",
        _ORG + "第四十六条",
    ),
    Rule(
        "SH-06",
        "份额数、每名成员股数、转让和调整的股数须为正整数；任何操作不得使份额反向变动。",
        "Share counts (per member, transferred, adjusted) are positive whole numbers; no operation moves "
        "shares "
        "backwards.",
        _ORG + "第四十条",
    ),
    Rule(
        "SH-07",
        "收益分配年度须在1949年至本年之间；查阅（公示）开始日期不得晚于今日。",
        "A distribution year lies between 1949 and the current year; an inspection does not start in the "
        "future.",
        _ORG + "第四十六条",
    ),
    Rule(
        "UR-01",
        "登记进城落户不改变成员身份、承包经营权、宅基地使用权、份额及收益分配权。",
        "Recording an urban settlement changes no membership, contract, homestead, share or dividend "
        "entitlement.",
        "国发〔2014〕25号",
    ),
    Rule(
        "UR-02",
        "任何退出、交回或终止承包地、宅基地、份额的行为，不得以进城落户为理由或条件，须为权利人自愿有偿的书面"
        "行为。",
        "No exit, surrender or termination may give urban settlement as reason or condition; it must be "
        "voluntary, "
        "written and compensated.",
        _LCL + "第二十七条；" + _LML + "第六十二条",
    ),
    Rule(
        "UR-03",
        "进城落户办理过程中不得询问、核查权利状况，也不得因权利状况受阻。",
        "Nothing in the urban-settlement path asks for, checks or is blocked by the state of a person's "
        "rights.",
        "国发〔2014〕25号",
    ),
    Rule(
        "UR-04",
        "落户城镇后180日内提出的退出、交回或份额赎回予以标记；审核人须明确确认其为自愿且非落户条件方可批准。",
        "An exit filed within 180 days after the household's urban settlement is flagged and needs a "
        "reviewer's "
        "explicit attestation.",
        "国发〔2014〕25号",
    ),
    Rule(
        "UR-05",
        "依UR-02或MEM-05被拒绝的每次尝试均记入审计日志，并记录操作人。",
        "Every refused attempt under UR-02 or MEM-05 is kept in the audit log with who tried.",
        "国发〔2014〕25号",
    ),
    Rule(
        "RS-01",
        "户口迁入农村仅限于该集体经济组织的有效成员且其户在当地拥有有效宅基地使用权，并记录集体的确认。",
        "A hukou may move into a rural area only for an active member whose household holds an active "
        "homestead "
        "there.",
        "国发〔2014〕25号；《户口登记条例》",
    ),
    Rule(
        "RS-02",
        "派出所凭公民身份号码和集体编码查询，答复仅含是否符合、规则依据、确认编号、验证码和有效期，不披露其他"
        "信息；每次查询均留痕。",
        "A police station asks with an ID number and collective code; the answer discloses nothing else; "
        "every "
        "query is audited.",
        "《个人信息保护法》第六条",
    ),
    Rule(
        "RS-03",
        "户口迁入本身不产生成员身份，只生成待成员大会审议的申请。",
        "A recorded hukou move-in never creates a membership by itself: it creates a pending application.",
        _ORG + "第十二条",
    ),
    Rule(
        "RS-04",
        "户籍事项须与其人相符：出生登记仅限于出生日期即为该日期或在一年以内的人；任何事项不得早于其人出生，也"
        "不得晚于今日。",
        "A hukou event fits its person: a birth only for a person born on that date or within the year "
        "before; "
        "no event before the person's birth or after today.",
        "《户口登记条例》第七条",
    ),
    Rule(
        "RG-01",
        "权利的每次变更均为登记簿中的一条记录：编号、日期、经办人、原因；记录不得修改或删除，可回溯任一日期的"
        "状态。",
        "Every change of a right is a numbered register entry; entries are never changed; past states can be "
        "read.",
        "《不动产登记暂行条例》第八条",
    ),
    Rule(
        "RG-02",
        "证书只能依已登记的权利颁发；补发、换发、注销均记录原因；每份证书带有可公开核验的验证码。",
        "A certificate is issued only from a registered right; re-issue, replacement and cancellation are "
        "recorded; "
        "each carries a verification code.",
        "《不动产登记暂行条例》第二十一条",
    ),
    Rule(
        "RG-03",
        "审计日志只增不改，以哈希链相连；校验命令发现任何被修改或删除的记录即报错。",
        "The audit log is append-only and hash-chained; verification fails on any edited or removed entry.",
        "GB/T 22239-2019",
    ),
    Rule(
        "SEC-01",
        "默认拒绝：文书仅限本集体，审核人仅限本县，派出所仅限本县户籍事项和落户确认。",
        "Deny by default: a clerk acts only in their collective, a reviewer in their county, a police "
        "station only "
        "through hukou events and confirmations in its county.",
        "《个人信息保护法》",
    ),
    Rule(
        "SEC-02",
        "公民身份号码在列表中及对无需完整号码的角色一律脱敏显示。",
        "Citizen ID numbers are masked in lists and for roles that do not need the full number.",
        "《个人信息保护法》",
    ),
    Rule(
        "SEC-03",
        "密码以慢哈希存储；API令牌以哈希存储并会过期。",
        "Passwords are stored with a slow hash; API tokens are stored hashed and expire.",
        "GB/T 22239-2019",
    ),
    Rule(
        "UR-06",
        "农户的权利（土地承包经营权、宅基地使用权）只能随户退出：退出或交回须列明每一名成年共有人并附其本人的"
        "书面意见"
        "（或户主的书面意见并附其他共有人的书面同意），一名成员的意见不能放弃其他成员的份额。",
        "A household's right (land contract, homestead) leaves the household only with the household: an "
        "exit or "
        "surrender carries the written statement of every other adult co-holder; one member's statement "
        "never "
        "gives up the others' share.",
        "《农村土地承包法》第十六条、第三十条；《民法典》第三百零一条",
    ),
    Rule(
        "SEC-04",
        "会话和签名链接使用本部署独有的密钥签名：未配置时首次启动随机生成，绝不使用写在源代码中的密钥；以其他"
        "密钥签名的 Cookie 一律无效。",
        "Sessions and signed links are signed with a key that belongs to one deployment: generated at random "
        "on "
        "first start when none is configured, never a key written in the source. A cookie signed with any "
        "other "
        "key is ignored.",
        "GB/T 22239-2019",
    ),
    Rule(
        "SEC-05",
        "按用户名和客户端地址限制密码猜测（15分钟内失败10次即返回429并附Retry-After），API令牌与网页登录同样"
        "适用；每次被限制的尝试均留痕。",
        "Password guessing is throttled per user name and per client address (10 failures in 15 minutes → "
        "429 "
        "with Retry-After), for API tokens and web sign-in alike; every throttled attempt is audited.",
        "GB/T 22239-2019",
    ),
)

_NYT = "NY/T 2539-2016《农村土地承包经营权确权登记数据库规范》"
# Exchange checks (importing a NY/T 2539 package; exchange.md): an error refuses the import, a warning is
# reported.
RULES += (
    Rule(
        "EX-01",
        "目录结构：县级目录“6位代码+名称”，矢量数据含至少一个DK图层，权属数据含权属表（MDB或XLSX）；文件名"
        "中的年份一致。",
        "Layout: a county folder <6 digits><name>, 矢量数据 with at least one DK shapefile, 权属数据 with "
        "the "
        "tables (MDB or XLSX); the year in the file names agrees.",
        _NYT,
    ),
    Rule(
        "EX-02",
        "标准规定的必选表和必选字段齐全；多余字段保留或忽略。",
        "Every mandatory table and field of the standard is present; extra fields are kept or ignored.",
        _NYT,
    ),
    Rule(
        "EX-03",
        "文本编码依次由DBF语言字节、.cpg、GBK确定；语言字节与.cpg矛盾的拒绝导入。",
        "Text encoding is decided (DBF language byte, then .cpg, then GBK); byte and .cpg that disagree are "
        "refused.",
        _NYT,
    ),
    Rule(
        "EX-04",
        ".prj解析为CGCS2000（EPSG:4490或高斯-克吕格分带4513–4554），且地块位于该县所在分带内。",
        "The .prj resolves to CGCS2000 (EPSG:4490 or a Gauss-Krüger zone 4513–4554) and the parcels fall "
        "inside "
        "the county's zone.",
        _NYT,
    ),
    Rule(
        "EX-05",
        "编码长度与前缀正确（发包方编码14位且属本县；承包方编码=发包方编码+4位；地块编码=发包方编码+5位；"
        "合同编码=承包方编码+承包方式字母）且唯一。",
        "Codes have their lengths and prefixes (FBFBM 14 in the county; CBFBM = FBFBM + 4; DKBM = FBFBM + 5; "
        "CBHTBM = CBFBM + method letter) and are unique.",
        _NYT,
    ),
    Rule(
        "EX-06",
        "引用成立：承包地块信息指向存在的地块、承包方和合同；家庭成员指向存在的承包方；权证有登记簿和合同。",
        "References hold: every CBDKXX names an existing DK, CBF and CBHT; every CBF_JTCY an existing CBF; "
        "every "
        "certificate its register entry and contract.",
        _NYT,
    ),
    Rule(
        "EX-07",
        "地块在包内及与已登记地块之间均符合PAR-01和PAR-02。",
        "Parcels obey PAR-01 and PAR-02, within the package and against the registry.",
        _NYT,
    ),
    Rule(
        "EX-08",
        "实测面积与椭球面积相差不超过1%或1平方米；合同面积之和相符（警告）。",
        "The surveyed area SCMJ agrees with the geodesic area within 1 % or 1 m²; contract areas add up "
        "(warning).",
        _NYT,
    ),
    Rule(
        "EX-09",
        "人员：公民身份号码有效（15位号码转换为18位并报告），每户一名户主，一人只属一户；号码无效或重复的拒绝"
        "。",
        "Persons: valid GB 11643 numbers (a 15-digit number is converted to 18 digits and reported), one 户"
        "主 per "
        "household, a person in one household only; invalid or duplicated numbers are refused.",
        "GB 11643-1999",
    ),
    Rule(
        "EX-10",
        "期限：起始早于终止；9999-01-01表示长久不变；耕地家庭承包符合LC-02（警告）。",
        "Terms: start before end; 9999-01-01 is 长久不变; arable family contracts follow LC-02 (warning).",
        _LCL,
    ),
    Rule(
        "EX-11",
        "取值属于标准代码表（地块类别、土地利用类型、所有权性质、承包方式、与户主关系、性别、承包方类型）。",
        "Values are in the standard's code lists (DKLB, TDLYLX, SYQXZ, CBFS, YHZGX, CYXB, CBFLX).",
        _NYT,
    ),
    Rule(
        "EX-12",
        "导出时所有文本均可用GBK表示；不能表示的记录按名称拒绝导出。",
        "On export, every text is representable in GBK; a record that is not is refused by name.",
        _NYT,
    ),
)

BY_ID: dict[str, Rule] = {r.id: r for r in RULES}


def get(rule_id: str) -> Rule:
    return BY_ID[rule_id]
