"""Settings from the environment. Numbers that rules need are configuration with the catalogue's defaults."""

import os
import secrets
from datetime import timedelta


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY")  # None → a random key in instance/secret_key (SEC-04)
    PREFERRED_URL_SCHEME = os.environ.get("PREFERRED_URL_SCHEME", "http")  # https → Secure cookies, HSTS
    PROXY_FIX_HOPS = int(
        os.environ.get("PROXY_FIX_HOPS", "0")
    )  # trusted proxies setting X-Forwarded-For/-Proto
    PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:5000")  # QR codes, outside links
    DEMO = os.environ.get("DEMO") == "1"  # demo county and logins also into a DATABASE_URL database
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL")  # None → local cluster under instance/
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}  # pooled connections idle for a while are pinged (db.py)
    DATABASE_REPLICA_URL = os.environ.get(
        "DATABASE_REPLICA_URL"
    )  # optional streaming replica (registry/replica.py)
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    JSON_AS_ASCII = False

    API_TITLE = "农村集体产权登记 Rural Collective Property Rights Registry"
    API_VERSION = "v1"
    OPENAPI_VERSION = "3.0.3"
    OPENAPI_URL_PREFIX = "/api/v1"
    OPENAPI_JSON_PATH = "openapi.json"
    OPENAPI_REDOC_PATH = None
    OPENAPI_SWAGGER_UI_PATH = None

    BABEL_DEFAULT_LOCALE = "zh_Hans_CN"
    BABEL_DEFAULT_TIMEZONE = "Asia/Shanghai"
    TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Shanghai")  # registry.clock: "today" is the date here
    LANGUAGES = ("zh_Hans_CN", "en")

    TOKEN_TTL = timedelta(hours=int(os.environ.get("TOKEN_TTL_HOURS", "12")))

    # Rule parameters (rules.md defaults)
    PUBLICITY_DAYS = 7  # HS-04
    INSPECTION_DAYS = 10  # SH-05
    MEETING_NOTICE_DAYS = 10  # MEM-02
    SETTLEMENT_LINKAGE_DAYS = 180  # UR-04
    SHARE_CAP_PERCENT = 3  # SH-02
    RESERVE_MIN_PERCENT = 30  # SH-04
    SURRENDER_NOTICE_MONTHS = 6  # LC-06
    CONTRACT_EXTENSION_WINDOW_YEARS = 5  # LC-02: an arable term is extended from this long before it ends
    CONFIRMATION_VALID_DAYS = 90  # RS-02
    CONFIRMATION_RATE_PER_HOUR = int(os.environ.get("CONFIRMATION_RATE_PER_HOUR", "120"))  # RS-02
    # An online base layer under the maps when no orthophoto is loaded: an XYZ/WMTS KVP URL template with
    # {z}/{x}/{y}
    # (天地图: https://t0.tianditu.gov.cn/img_w/wmts?...&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=KEY). None:
    # no layer.
    BASEMAP_URL = os.environ.get("BASEMAP_URL") or None


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = secrets.token_hex(32)
    TOKEN_TTL = timedelta(hours=1)
