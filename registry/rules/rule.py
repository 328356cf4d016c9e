"""A rule of the catalogue, and the legal sources its entries cite.

The source names keep their leading underscore: an entry written for the former single-file catalogue
(`registry/rules.py`) pastes into its prefix module unchanged."""

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
_NYT = "NY/T 2539-2016《农村土地承包经营权确权登记数据库规范》"
