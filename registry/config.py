"""Settings from the environment. Numbers that rules need are configuration with the catalogue's defaults."""
import os
from datetime import timedelta


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-change-me")
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL")  # None → local cluster under instance/
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL")  # optional streaming replica (registry/replica.py)
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
    LANGUAGES = ("zh_Hans_CN", "en")

    TOKEN_TTL = timedelta(hours=int(os.environ.get("TOKEN_TTL_HOURS", "12")))

    # Rule parameters (rules.md defaults)
    PUBLICITY_DAYS = 7            # HS-04
    INSPECTION_DAYS = 10          # SH-05
    MEETING_NOTICE_DAYS = 10      # MEM-02
    SETTLEMENT_LINKAGE_DAYS = 180  # UR-04
    SHARE_CAP_PERCENT = 3         # SH-02
    RESERVE_MIN_PERCENT = 30      # SH-04
    SURRENDER_NOTICE_MONTHS = 6   # LC-06
    CONTRACT_EXTENSION_WINDOW_YEARS = 5  # LC-02: an arable term is extended from this long before it ends
    CONFIRMATION_VALID_DAYS = 90  # RS-02
    CONFIRMATION_RATE_PER_HOUR = int(os.environ.get("CONFIRMATION_RATE_PER_HOUR", "120"))  # RS-02


class TestConfig(Config):
    TESTING = True
    TOKEN_TTL = timedelta(hours=1)
