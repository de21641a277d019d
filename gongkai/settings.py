"""Gongkai settings, driven by environment variables.

GONGKAI_ENV selects the profile: ``development`` (default: SQLite under var/, DEBUG on), ``production`` (every
secret from the environment, HTTPS-only cookies, ``check --deploy`` clean) or ``test``.

Every ``GONGKAI_*`` variable is read here and nowhere else, each with its default and what it is for; the apps read
``settings.GONGKAI_…`` (README.md § 生产部署 lists them all, ``tests/test_settings_declared.py`` keeps it so).
"""

import os
import secrets
from pathlib import Path

import dj_database_url

from gongkai.core import law

BASE_DIR = Path(__file__).resolve().parent.parent
ENV = os.environ.get("GONGKAI_ENV", "development")
PRODUCTION = ENV == "production"
VAR_DIR = Path(os.environ.get("GONGKAI_VAR_DIR", BASE_DIR / "var"))


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


def _list(name: str, default: str) -> list[str]:
    return [x.strip() for x in os.environ.get(name, default).split(",") if x.strip()]


def _int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    try:
        return int(value)
    except ValueError:
        raise RuntimeError(
            f"环境变量 {name} 应为整数（当前为“{value}”）；请改为整数或删除该变量以使用默认值 {default}。"
        ) from None


def _per_kind(name: str, default: str) -> dict[str, int]:
    """``kind=n,kind=n,*=n`` → {kind: n}; ``*`` is every kind not named. A bare number means ``*=n``."""
    raw = os.environ.get(name) or default
    out: dict[str, int] = {}
    for part in raw.split(","):
        part = part.strip()
        if not part:
            continue
        kind, sep, number = part.rpartition("=")
        kind = kind.strip() if sep else "*"
        try:
            out[kind or "*"] = int(number)
        except ValueError:
            raise RuntimeError(
                f"环境变量 {name} 应为“单位类型=次数”并以逗号分隔（如 department=2,township=1,*=2），"
                f"当前为“{raw}”；请改正或删除该变量以使用默认值 {default}。"
            ) from None
    out.setdefault("*", 0)
    return out


def _secret_key() -> str:
    key = os.environ.get("GONGKAI_SECRET_KEY") or os.environ.get("DJANGO_SECRET_KEY")
    if key:
        return key
    if PRODUCTION:
        raise RuntimeError("生产环境必须设置 GONGKAI_SECRET_KEY（至少 50 个随机字符）。")
    # Development: a key generated once and kept under var/, so sessions survive restarts.
    path = VAR_DIR / "secret_key"
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
# GONGKAI_DEBUG: Django's DEBUG (tracebacks and the URL list on error pages). Off by default everywhere, `make run`
# included: the demo shows the Chinese error pages a visitor sees. A developer turns it on with GONGKAI_DEBUG=1;
# never in production.
DEBUG = _bool("GONGKAI_DEBUG", False)
ALLOWED_HOSTS = _list("GONGKAI_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = _list("GONGKAI_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "gongkai.orgs",
    "gongkai.audit",
    "gongkai.calendar",
    "gongkai.jobs",
    "gongkai.portal",
    "gongkai.workspace",
    "gongkai.foi",
    "gongkai.publishing",
    "gongkai.workplan",
    "gongkai.policies",
    "gongkai.participation",
    "gongkai.reports",
    "gongkai.messages",
    "gongkai.sentiment",
    "gongkai.sitecheck",
    "gongkai.gazette",
    "gongkai.errata",
    "gongkai.registers",
    "gongkai.assessment",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous portal pages from the page cache, before sessions: a hit costs no session, database or template.
    "gongkai.common.pagecache.PortalCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "gongkai.audit.middleware.RequestContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "gongkai.orgs.middleware.IdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "gongkai.urls"
WSGI_APPLICATION = "gongkai.wsgi.application"
ASGI_APPLICATION = "gongkai.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "gongkai" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.portal.context_processors.site",
                "gongkai.workspace.context_processors.nav",
                "gongkai.jobs.context_processors.nav",
            ],
        },
    }
]

# --- Database: SQLite under var/ by default, PostgreSQL through DATABASE_URL ---
_default_sqlite = f"sqlite:///{VAR_DIR / 'gongkai.sqlite3'}"
# Persistent connections (60 s) are checked before each request reuses them: after a PostgreSQL restart the first
# request opens a new connection instead of failing on the dead one.
DATABASES = {
    "default": dj_database_url.config(default=_default_sqlite, conn_max_age=60, conn_health_checks=True)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # WAL lets readers run while one writer writes; IMMEDIATE avoids lock-upgrade deadlocks.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
            "transaction_mode": "IMMEDIATE",
        }
    )
    # GONGKAI_TEST_SQLITE: a file for the test database (default: in memory), e.g. to inspect it after a run.
    DATABASES["default"].setdefault("TEST", {})["NAME"] = os.environ.get("GONGKAI_TEST_SQLITE") or None
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache: Redis when REDIS_URL is set (shared by app servers: lockout counters, rate limits), else local ---
# The ``portal`` cache holds whole anonymous portal pages (gongkai.common.pagecache, docs/portal.md): in Redis its
# entries and generation counter are shared by every server; locally each process keeps up to 1,000 pages.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        },
        "portal": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "portal",
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "gongkai"},
        "portal": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "gongkai-portal",
            "OPTIONS": {"MAX_ENTRIES": 1000},
        },
    }
# Seconds an anonymous portal page is served from the page cache at most; publishing, withdrawing or editing
# anything the portal shows invalidates it at once (docs/portal.md). 0 turns the page cache off.
GONGKAI_PORTAL_CACHE_SECONDS = _int("GONGKAI_PORTAL_CACHE_SECONDS", 300)

# --- Background and scheduled jobs (gongkai.jobs, huey; see docs/jobs.md) ---
# Where the queue lives: ``sqlite`` (a file of its own, VAR_DIR/jobs.sqlite3: no extra service, never contends for the
# application database's write lock; workers on this machine only), ``redis`` or ``postgres`` (workers on several
# machines). GONGKAI_JOBS_URL overrides the server: by default REDIS_URL for redis, DATABASE_URL for postgres.
GONGKAI_JOBS_BACKEND = os.environ.get("GONGKAI_JOBS_BACKEND", "sqlite").strip().lower()
if GONGKAI_JOBS_BACKEND not in ("sqlite", "redis", "postgres"):
    raise RuntimeError(
        f"GONGKAI_JOBS_BACKEND 只能是 sqlite、redis 或 postgres（收到：{GONGKAI_JOBS_BACKEND!r}）。"
    )
GONGKAI_JOBS_URL = os.environ.get("GONGKAI_JOBS_URL") or (
    os.environ.get("REDIS_URL", "")
    if GONGKAI_JOBS_BACKEND == "redis"
    else os.environ.get("DATABASE_URL", "")
    if GONGKAI_JOBS_BACKEND == "postgres"
    else ""
)
GONGKAI_JOBS_SQLITE_PATH = Path(os.environ.get("GONGKAI_JOBS_SQLITE_PATH", VAR_DIR / "jobs.sqlite3"))
# The queue's name: deployments sharing one Redis or PostgreSQL need different names.
GONGKAI_JOBS_QUEUE = os.environ.get("GONGKAI_JOBS_QUEUE", "gongkai")
# Run each job at enqueue, in the enqueuing process, one attempt (no worker needed). The test suite turns it on in
# the root conftest.py; never in production.
GONGKAI_JOBS_IMMEDIATE = _bool("GONGKAI_JOBS_IMMEDIATE", False)
# Worker threads of ``gongkai jobs worker`` (the command's --workers overrides it).
GONGKAI_JOBS_WORKERS = int(os.environ.get("GONGKAI_JOBS_WORKERS", "2"))

# --- Accounts, passwords, sessions ---
AUTH_USER_MODEL = "orgs.User"
LOGIN_URL = "workspace:login"
LOGIN_REDIRECT_URL = "workspace:dashboard"
LOGOUT_REDIRECT_URL = "workspace:login"
AUTHENTICATION_BACKENDS = ["gongkai.orgs.backends.LockoutModelBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "gongkai.orgs.validators.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "gongkai.orgs.validators.CharacterClassValidator"},
]
# Login protection (gongkai.core.login_guard, docs/security.md): LOGIN_MAX_FAILURES failed logins of one account from
# one client address within LOGIN_LOCKOUT_MINUTES lock that address out of that account for the window (4× that many
# from one address across accounts lock the address); 0 turns the protection off.
LOGIN_MAX_FAILURES = _int("GONGKAI_LOGIN_MAX_FAILURES", 5)
LOGIN_LOCKOUT_MINUTES = _int("GONGKAI_LOGIN_LOCKOUT_MINUTES", 15)
# From LOGIN_MAX_FAILURES failures of an account (from any address), each further try waits this many seconds after
# the latest failure, doubling with every failure, up to GONGKAI_LOGIN_DELAY_MAX_SECONDS: slow guessing from many
# addresses, without a lock that anyone could set on somebody else's account.
GONGKAI_LOGIN_DELAY_SECONDS = _int("GONGKAI_LOGIN_DELAY_SECONDS", 1)
GONGKAI_LOGIN_DELAY_MAX_SECONDS = _int("GONGKAI_LOGIN_DELAY_MAX_SECONDS", 60)
# Failed-login rows older than this many days are deleted by the nightly job orgs.purge_login_failures (the audit
# log keeps every failed login; the rows only feed the lockout, the delay and the 登录保护 page).
GONGKAI_LOGIN_FAILURE_DAYS = _int("GONGKAI_LOGIN_FAILURE_DAYS", 90)
# Idle staff sessions end after this many minutes without a request.
IDLE_TIMEOUT_MINUTES = _int("GONGKAI_IDLE_TIMEOUT_MINUTES", 30)
SESSION_COOKIE_AGE = 12 * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# A refused form post (expired page, cookies off) gets the Chinese 403 page, not Django's English one.
CSRF_FAILURE_VIEW = "gongkai.common.error_pages.csrf_failure"

# --- Internationalisation ---
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static and media files ---
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("GONGKAI_STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "gongkai" / "static"]
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on a missing root
    # Outside production WhiteNoise serves the files straight from the apps' static folders, re-reading them on
    # change, so `make run` needs no collectstatic whether DEBUG is on or off. Production serves the collected,
    # hashed and compressed copies under STATIC_ROOT.
    WHITENOISE_USE_FINDERS = True
    WHITENOISE_AUTOREFRESH = True
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("GONGKAI_MEDIA_ROOT", VAR_DIR / "media"))
# GONGKAI_MEDIA_STORAGE: the storage class of uploaded files (e.g. django-storages' S3Storage).
STORAGES = {
    "default": {
        "BACKEND": os.environ.get("GONGKAI_MEDIA_STORAGE", "django.core.files.storage.FileSystemStorage")
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Security headers ---
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = _bool("GONGKAI_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = _int("GONGKAI_HSTS_SECONDS", 365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

from csp.constants import NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# --- Site identity (shown in the portal footer and the 信息公开指南) ---
GONGKAI_SITE_NAME = os.environ.get("GONGKAI_SITE_NAME", "示范县人民政府")
GONGKAI_SITE_ICP = os.environ.get("GONGKAI_SITE_ICP", "")
GONGKAI_SITE_CODE = os.environ.get("GONGKAI_SITE_CODE", "")  # 网站标识码

# --- Behind a proxy (the client address of the audit log, the login lockout and every rate limit) ---
# How many reverse proxies stand in front of the application, each appending the address it saw to the header
# below (nginx: ``proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for``). The client is the address that
# many hops from the right of that header + REMOTE_ADDR; what a client writes further left is ignored. 0: the header
# is ignored and REMOTE_ADDR is the client (nothing in front, or the proxy is not ours). Default: 1 when
# GONGKAI_TRUSTED_PROXY_HEADER is set, else 0.
# The request header those proxies write, as Django's META name (HTTP_X_FORWARDED_FOR; HTTP_X_REAL_IP for a proxy
# that overwrites X-Real-IP with the peer's address).
GONGKAI_TRUSTED_PROXY_HEADER = os.environ.get("GONGKAI_TRUSTED_PROXY_HEADER", "").strip()
GONGKAI_TRUSTED_PROXIES = _int("GONGKAI_TRUSTED_PROXIES", 1 if GONGKAI_TRUSTED_PROXY_HEADER else 0)
if GONGKAI_TRUSTED_PROXIES and not GONGKAI_TRUSTED_PROXY_HEADER:
    GONGKAI_TRUSTED_PROXY_HEADER = "HTTP_X_FORWARDED_FOR"
if GONGKAI_TRUSTED_PROXIES < 0:
    raise RuntimeError(
        "环境变量 GONGKAI_TRUSTED_PROXIES 是应用前面的反向代理层数，不能为负数；没有代理时设为 0。"
    )

# --- Units (单位名称解析) ---
# Level prefixes that mean this county's own bodies in documents (市司法局 = 本市司法局 in a county-level city);
# set to "县" where 市 means the prefecture city. Comma separated.
GONGKAI_UNIT_LOCAL_PREFIXES = tuple(_list("GONGKAI_UNIT_LOCAL_PREFIXES", "县,市,区"))
# Place names stripped from unit names before matching (示范县 → 县发改委). Empty: taken from the government
# unit's name (示范县人民政府 → 示范县, 示范). Comma separated.
GONGKAI_PLACE_NAMES = tuple(_list("GONGKAI_PLACE_NAMES", ""))

# --- Publishing (信息发布) ---
# Uploaded attachments before masking may hold personal data: kept here, outside MEDIA_ROOT, never served by URL.
GONGKAI_PRIVATE_MEDIA_ROOT = Path(os.environ.get("GONGKAI_PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
# Largest attachment accepted, in MB (the proxy's body limit must be at least this).
GONGKAI_ATTACHMENT_MAX_MB = _int("GONGKAI_ATTACHMENT_MAX_MB", 20)
# Attachments (scannable files of one item) up to this many bytes are scanned right after the change, outside its
# transaction; larger ones by the publishing.scan background job (the item shows 扫描中 meanwhile).
GONGKAI_SCAN_INLINE_BYTES = _int("GONGKAI_SCAN_INLINE_BYTES", 1024 * 1024)

# --- Legacy office files (.doc/.wps/.xls/.et → .docx/.xlsx, core.convert) ---
# The LibreOffice command (a name on PATH or a path); installed by scripts/bootstrap.sh (libreoffice-*-nogui).
GONGKAI_SOFFICE = os.environ.get("GONGKAI_SOFFICE", "soffice")
# Seconds one conversion may take (LibreOffice's start-up included) before it is killed.
GONGKAI_CONVERT_TIMEOUT = _int("GONGKAI_CONVERT_TIMEOUT", 120)

# --- Applications for disclosure (依申请公开) ---
# Master key(s) that encrypt applicants' uploaded identity documents: Fernet keys, comma separated, newest first.
# Keep them outside the database and its backups.
GONGKAI_FOI_FILE_KEY = os.environ.get("GONGKAI_FOI_FILE_KEY", "").strip()
# Otherwise the file holding the key(s); empty: var/foi_file.key, created on first use outside production.
GONGKAI_FOI_KEY_FILE = os.environ.get("GONGKAI_FOI_KEY_FILE", "")
# Secret that turns verification codes into stored hashes; empty: SECRET_KEY.
GONGKAI_FOI_CODE_KEY = os.environ.get("GONGKAI_FOI_CODE_KEY", "")
# Statutory reply limit in working days (条例第三十三条: 20); a body's own profile may set a stricter one.
GONGKAI_FOI_REPLY_LIMIT = _int("GONGKAI_FOI_REPLY_LIMIT", law.REPLY.value)
# A case is "due soon" this many working days before its due date (unless the FOI policy sets it).
GONGKAI_FOI_DUE_SOON_DAYS = _int("GONGKAI_FOI_DUE_SOON_DAYS", 3)
# Largest applicant upload, in MB.
GONGKAI_FOI_UPLOAD_MAX_MB = _int("GONGKAI_FOI_UPLOAD_MAX_MB", 10)
# Rate limits per client address: applications per hour, progress look-ups per 10 minutes.
GONGKAI_FOI_APPLY_PER_HOUR = _int("GONGKAI_FOI_APPLY_PER_HOUR", 5)
GONGKAI_FOI_TRACK_PER_10MIN = _int("GONGKAI_FOI_TRACK_PER_10MIN", 20)
# Also e-mail workspace notifications to staff who have an address (needs Django's EMAIL_* settings).
GONGKAI_FOI_EMAIL_NOTIFY = _bool("GONGKAI_FOI_EMAIL_NOTIFY", False)

# --- Messages (留言办理; each channel's reply limit is set per channel by the office, see gongkai.messages.vocab) ---
# The writer may follow up once (追问) within this many days of the reply.
GONGKAI_MESSAGES_FOLLOW_UP_DAYS = _int("GONGKAI_MESSAGES_FOLLOW_UP_DAYS", 15)
# Public form rate limits per hour: messages per client address and per contact (phone or e-mail).
GONGKAI_MESSAGES_PER_HOUR = _int("GONGKAI_MESSAGES_PER_HOUR", 5)
GONGKAI_MESSAGES_PER_CONTACT_HOUR = _int("GONGKAI_MESSAGES_PER_CONTACT_HOUR", 3)
# Writer's look-ups (留言查询) per client address per 10 minutes.
GONGKAI_MESSAGES_TRACK_PER_10MIN = _int("GONGKAI_MESSAGES_TRACK_PER_10MIN", 20)
# Messages due within this many working days show as "due soon" on the dashboards and in the reminders.
GONGKAI_MESSAGES_DUE_SOON_WORKDAYS = _int("GONGKAI_MESSAGES_DUE_SOON_WORKDAYS", 2)
# Site inspection (网站检查): catalogue items due within this many working days are reminded to the unit by the
# sitecheck.remind job (overdue items and 2-week-silent new-media accounts always are).
GONGKAI_SITECHECK_DUE_SOON_WORKDAYS = _int("GONGKAI_SITECHECK_DUE_SOON_WORKDAYS", 5)

# --- 找错 reports (我为政府网站找错, gongkai.errata) ---
# Reply limit in working days on the statutory calendar. A local rule: 辽宁省政府网站管理办法 "3个工作日内答复"
# (no national figure is published); the county may change it.
GONGKAI_ERRATA_REPLY_DAYS = _int("GONGKAI_ERRATA_REPLY_DAYS", 3)
# Public form: reports per client address per hour; the reporter's look-ups per address per 10 minutes.
GONGKAI_ERRATA_PER_HOUR = _int("GONGKAI_ERRATA_PER_HOUR", 5)
GONGKAI_ERRATA_TRACK_PER_10MIN = _int("GONGKAI_ERRATA_TRACK_PER_10MIN", 20)
# Largest screenshot accepted, in MB (images only, checked by content).
GONGKAI_ERRATA_SCREENSHOT_MAX_MB = _int("GONGKAI_ERRATA_SCREENSHOT_MAX_MB", 5)

# --- Public-sentiment ledger (舆情回应; the tiers and their sources are gongkai.core.sentiment) ---
# Which response limit the county applies to cases other than major emergencies: "national" (48 hours, 国办发〔2016〕
# 61号) or "local" (GONGKAI_SENTIMENT_LOCAL_WORKDAYS working days on the statutory calendar). Major and especially
# major emergencies keep the national 5-hour release and 24-hour press conference (国办发〔2016〕80号) either way.
GONGKAI_SENTIMENT_RULE = os.environ.get("GONGKAI_SENTIMENT_RULE", "national").strip() or "national"
if GONGKAI_SENTIMENT_RULE not in ("national", "local"):
    raise RuntimeError(
        f"环境变量 GONGKAI_SENTIMENT_RULE 应为 national（国家时限）或 local（地方工作日时限），当前为“{GONGKAI_SENTIMENT_RULE}”。"
    )
# The local rule's working days (sample: 丰城市2023年政务公开工作要点, 政务舆情答复期限3个工作日).
GONGKAI_SENTIMENT_LOCAL_WORKDAYS = _int("GONGKAI_SENTIMENT_LOCAL_WORKDAYS", 3)
# Commitments due within this many working days show as "due soon" on the dashboards and in the reminders.
GONGKAI_SENTIMENT_DUE_SOON_WORKDAYS = _int("GONGKAI_SENTIMENT_DUE_SOON_WORKDAYS", 3)
# Largest screenshot or evidence file, in MB.
GONGKAI_SENTIMENT_UPLOAD_MAX_MB = _int("GONGKAI_SENTIMENT_UPLOAD_MAX_MB", 10)
# 12345 work-order import (12345工单导入): the largest file (MB) and the most rows one import takes; a bigger export
# is split by date in the hotline system. 20,000 rows is about a year of a county's work orders.
# The messages dashboard's history figures (按期答复率, 平均答复用时, 满意率 over every message the user sees) are
# an aggregate over the whole table: kept this many seconds per user scope (0: computed on every page view).
GONGKAI_MESSAGES_FIGURES_CACHE_SECONDS = _int("GONGKAI_MESSAGES_FIGURES_CACHE_SECONDS", 60)
GONGKAI_MESSAGES_HOTLINE_MAX_MB = _int("GONGKAI_MESSAGES_HOTLINE_MAX_MB", 20)
GONGKAI_MESSAGES_HOTLINE_MAX_ROWS = _int("GONGKAI_MESSAGES_HOTLINE_MAX_ROWS", 20000)

# --- Public participation (公众参与; the statutory limits are gongkai.core.participation) ---
# Decision categories (gongkai.participation.vocab.Category codes) that cannot reach 决定 without a completed public
# consultation — a county rule, not the 条例's: 重大建设项目, 公共资源配置, 社会公益事业 by default.
GONGKAI_PARTICIPATION_MANDATORY = tuple(
    _list("GONGKAI_PARTICIPATION_MANDATORY", "construction,public_resources,public_welfare")
)
# The feedback (意见采纳情况反馈) is due this many working days after a consultation closes (local rule).
GONGKAI_PARTICIPATION_FEEDBACK_WORKDAYS = _int("GONGKAI_PARTICIPATION_FEEDBACK_WORKDAYS", 15)
# Public representatives seated at each executive meeting (列席), at least (local rule: 2).
GONGKAI_PARTICIPATION_MIN_SEATS = _int("GONGKAI_PARTICIPATION_MIN_SEATS", 2)
# A decision sitting this many days in one stage before 公布 is "stalled" on the office's dashboard.
GONGKAI_PARTICIPATION_STALLED_DAYS = _int("GONGKAI_PARTICIPATION_STALLED_DAYS", 90)
# Public form rate limits per hour: opinions/sign-ups/votes per client address, and opinions per contact.
GONGKAI_PARTICIPATION_PER_HOUR = _int("GONGKAI_PARTICIPATION_PER_HOUR", 10)
GONGKAI_PARTICIPATION_PER_CONTACT_HOUR = _int("GONGKAI_PARTICIPATION_PER_CONTACT_HOUR", 5)

# --- Registers (工作台账: 培训、政策实施效果评价; gongkai.registers) ---
# Yearly number of trainings a unit must organise, per unit kind (orgs.UnitKind codes; ``*`` = every other kind):
# the work points ask “今年至少组织2次集中学习培训” (兴国县2024年政务公开工作要点（十四））. Format ``kind=n,…``.
GONGKAI_REGISTERS_TRAININGS_PER_YEAR = _per_kind("GONGKAI_REGISTERS_TRAININGS_PER_YEAR", "*=2")
# Yearly number of policy-effect evaluations (政策实施效果评价) per unit kind: “每年至少开展2次专题性政策评价”.
GONGKAI_REGISTERS_EVALUATIONS_PER_YEAR = _per_kind("GONGKAI_REGISTERS_EVALUATIONS_PER_YEAR", "*=2")
# Largest training material or meeting-minutes upload, in MB.
GONGKAI_REGISTERS_UPLOAD_MAX_MB = _int("GONGKAI_REGISTERS_UPLOAD_MAX_MB", 20)

# Site inspection (网站巡检, sitecheck). The portal is crawled in-process through Django's handler when the base URL
# is empty (a worker needs no running server); set it to the public address to crawl over HTTP instead.
GONGKAI_SITECHECK_BASE_URL = os.environ.get("GONGKAI_SITECHECK_BASE_URL", "")
# Bounds of one crawl: pages and attachments fetched, link depth from the home page, seconds.
GONGKAI_SITECHECK_MAX_PAGES = _int("GONGKAI_SITECHECK_MAX_PAGES", 30000)
GONGKAI_SITECHECK_MAX_DEPTH = _int("GONGKAI_SITECHECK_MAX_DEPTH", 8)
GONGKAI_SITECHECK_MAX_SECONDS = _int("GONGKAI_SITECHECK_MAX_SECONDS", 1800)
# Seconds an HTTP fetch may take (19号 counts a page not open within 15 s as unreachable).
GONGKAI_SITECHECK_TIMEOUT = _int("GONGKAI_SITECHECK_TIMEOUT", 15)
# Check links to other sites over the internet: off by default outside production (test machines have no internet).
GONGKAI_SITECHECK_EXTERNAL_LINKS = _bool("GONGKAI_SITECHECK_EXTERNAL_LINKS", PRODUCTION)
# Accessibility with axe-core in headless Chromium (WCAG 2.1 AA), on this many sampled pages, normal and elderly mode.
GONGKAI_SITECHECK_A11Y = _bool("GONGKAI_SITECHECK_A11Y", True)
GONGKAI_SITECHECK_A11Y_PAGES = _int("GONGKAI_SITECHECK_A11Y_PAGES", 8)
GONGKAI_SITECHECK_CHROMIUM = os.environ.get("GONGKAI_SITECHECK_CHROMIUM", "/usr/bin/chromium")

# GONGKAI_LOG_LEVEL: the root logger's level (default WARNING).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("GONGKAI_LOG_LEVEL", "WARNING")},
}
