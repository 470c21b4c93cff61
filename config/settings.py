"""Claimdesk settings: one module, every difference between environments is an environment variable.

See README.md "Configuration" for the list.
"""

import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_float, env_int, env_list, env_str, redis_url_checked

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("CLAIMDESK_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)


def _secret_key() -> str:
    key = env_str("SECRET_KEY", "")
    if key:
        return key
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off. Generate one with: "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    # Development only: one generated key shared by the web process and the workers.
    key_file = VAR_DIR / "dev-secret-key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "corsheaders",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "axes",
    "claims",
    "reviews",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.request_limits.RequestSizeLimitMiddleware",
    "csp.middleware.CSPMiddleware",
    # A database, broker or cache outage answers 503 (JSON under /api/), never an HTML 500.
    "config.outages.OutageMiddleware",
    # Static files (the desk's CSS and htmx, the publishers' embed.js) straight from gunicorn.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Cookie, then Accept-Language; UserPreferencesMiddleware puts a signed-in person's choice first.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "claims.preferences.UserPreferencesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # After CSP and X-Frame-Options: their response phase runs after this one's.
    "config.security_headers.SecurityHeadersMiddleware",
    # Last: turns a locked-out login into the lockout answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "claims.preferences.shortcuts",
            ],
        },
    },
]

# Database: SQLite under var/ by default, PostgreSQL (psycopg 3) with DATABASE_URL=postgres://…
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'claimdesk.sqlite3'}")
try:
    _database = dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
except Exception as error:  # dj-database-url raises several types for one mistake
    raise ImproperlyConfigured(
        f"DATABASE_URL={DATABASE_URL!r} is not a database URL: {error}"
    ) from None
if _database["ENGINE"] == "django.db.backends.sqlite3":
    _database["CONN_MAX_AGE"] = 0
    # Web, worker and tests share one file: wait for locks instead of failing at once.
    _database["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # A file, not :memory:, so a real worker process sees the test database.
    _database["TEST"] = {"NAME": str(VAR_DIR / "test_claimdesk.sqlite3")}
elif _database["ENGINE"] == "django.db.backends.postgresql":
    _database.setdefault("OPTIONS", {})["connect_timeout"] = env_int("DATABASE_CONNECT_TIMEOUT", 5)
    # A process running many tasks at once (the gevent sources worker) shares this many
    # connections instead of opening one per task: see README, "Worker layout".
    DATABASE_POOL_SIZE = env_int("DATABASE_POOL_SIZE", 0)
    if DATABASE_POOL_SIZE > 0:
        _database["CONN_MAX_AGE"] = 0  # pooled connections are returned, not kept
        _database["OPTIONS"]["pool"] = {
            "min_size": 1,
            "max_size": DATABASE_POOL_SIZE,
            "timeout": env_int("DATABASE_POOL_TIMEOUT", 30),
        }
DATABASES = {"default": _database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis is the broker and the cache when REDIS_URL is set; otherwise an embedded broker
# (kombu's filesystem transport, still consumed by a separate worker process) and a file cache.
REDIS_URL = redis_url_checked()
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CLAIMDESK_CACHE_PREFIX", "claimdesk"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

# django-axes first: it refuses a locked-out login before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "desk:home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
# Each language named in itself: the switcher must be readable by someone who cannot read the other.
LANGUAGES = [("ar", "العربية"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Anonymous readers' choice (public pages); signed-in people's is stored on their preferences.
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise looks there first (collectstatic fills it)
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Serve straight from the source folders unless `collectstatic` has been run for production.
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", True)
WHITENOISE_MAX_AGE = env_int("WHITENOISE_MAX_AGE", 3600)

# Security: strict unless DEBUG; each knob can be set from the environment.
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Proxies in front of the app that append to X-Forwarded-For. 0: the header is ignored and the
# peer address is the client (anyone can write the header; only trusted proxies' entries count).
CLAIMDESK_TRUSTED_PROXIES = env_int("CLAIMDESK_TRUSTED_PROXIES", 0)
# Request bodies over this answer 413 (an article of CLAIMDESK_MAX_ARTICLE_CHARS fits easily).
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("CLAIMDESK_MAX_REQUEST_BYTES", 4 * 1024 * 1024)
CLAIMDESK_MAX_JSON_DEPTH = env_int("CLAIMDESK_MAX_JSON_DEPTH", 64)

# Content-Security-Policy (django-csp): no inline script anywhere, styles from our files (or a
# per-response nonce). Only the public verdict pages may be framed, by CLAIMDESK_EMBED_ANCESTORS.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
CLAIMDESK_EMBED_ANCESTORS = env_list("CLAIMDESK_EMBED_ANCESTORS", ["*"])
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
CLAIMDESK_PERMISSIONS_POLICY = env_str(
    "CLAIMDESK_PERMISSIONS_POLICY",
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
)

# Brute force (django-axes): an account, and separately an address, is locked after
# CLAIMDESK_LOGIN_FAILURE_LIMIT wrong passwords in a row, for CLAIMDESK_LOGIN_COOLOFF_MINUTES.
CLAIMDESK_LOGIN_FAILURE_LIMIT = env_int("CLAIMDESK_LOGIN_FAILURE_LIMIT", 10)
AXES_FAILURE_LIMIT = CLAIMDESK_LOGIN_FAILURE_LIMIT + 1  # axes counts the locking attempt too
AXES_COOLOFF_TIME = timedelta(minutes=env_int("CLAIMDESK_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "config.client_address.client_address"
AXES_LOCKOUT_CALLABLE = "config.client_address.lockout_response"
AXES_VERBOSE = False

# CORS: only the public publication API is open, and only for GET.
CORS_URLS_REGEX = r"^/api/v1/public/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ["ETag"]

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "claimdesk@localhost")

# --- Django REST Framework -------------------------------------------------------------------
REST_FRAMEWORK = {
    # Token first: an anonymous caller is told 401 with `WWW-Authenticate: Token`.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["config.throttling.UserRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "user": env_str("CLAIMDESK_USER_THROTTLE", "2000/minute"),
        "public": env_str("CLAIMDESK_PUBLIC_THROTTLE", "600/minute"),
    },
    "EXCEPTION_HANDLER": "config.api_errors.exception_handler",
    "DEFAULT_PARSER_CLASSES": [
        "config.parsers.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    # Throttles key on the peer address unless proxies are declared (see CLAIMDESK_TRUSTED_PROXIES).
    "NUM_PROXIES": CLAIMDESK_TRUSTED_PROXIES,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Claimdesk API",
    "DESCRIPTION": "Claim extraction, review workflow, source checks and ClaimReview publication.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from our own static files: no CDN, and it runs under the CSP.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several models have a `status`: name each enum after its model.
    "ENUM_NAME_OVERRIDES": {
        "ArticleStatusEnum": "claims.models.Article.Status",
        "ClaimStatusEnum": "claims.models.Claim.Status",
        "SourceStatusEnum": "claims.models.Source.Status",
        "VerdictStatusEnum": "reviews.models.Verdict.Status",
        "ArticleLanguageEnum": "claims.models.Language",
        "ClaimKindEnum": "claims.models.Claim.Kind",
    },
}

# --- Celery ----------------------------------------------------------------------------------
CLAIMDESK_CPU_QUEUE = "extraction"  # CPU-bound: claim extraction
CLAIMDESK_IO_QUEUE = "sources"  # I/O-bound: fetching and checking sources
CLAIMDESK_MAINTENANCE_QUEUE = "maintenance"  # periodic housekeeping (leases, re-fetch scheduling)
BROKER_DIR = VAR_DIR / "broker"
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT = "config.broker:Transport"  # kombu's, reusing one client
else:
    for folder in ("queue", "processed", "control"):
        (BROKER_DIR / folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://localhost/"
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 240)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 300)
CELERY_VISIBILITY_TIMEOUT = env_int("CELERY_VISIBILITY_TIMEOUT", 3600)
if not CELERY_TASK_SOFT_TIME_LIMIT < CELERY_TASK_TIME_LIMIT < CELERY_VISIBILITY_TIMEOUT:
    raise ImproperlyConfigured(
        "Celery limits must satisfy CELERY_TASK_SOFT_TIME_LIMIT < CELERY_TASK_TIME_LIMIT "
        "< CELERY_VISIBILITY_TIMEOUT, or a running task is delivered twice."
    )
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {
        "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
        # A killed worker's unacked message comes back within about this many seconds after
        # the visibility timeout (kombu's default sweep is every 100 s).
        "unacked_restore_interval": max(1, min(10, CELERY_VISIBILITY_TIMEOUT // 5)),
        "unacked_restore_throttle": 1,
    }
    if REDIS_URL
    else {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
    }
)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
# Celery's Django fixup closes every database connection before and after every task unless
# this is set: a new PostgreSQL backend per task, whose catalogue caches cost more CPU than the
# task's own queries. Tasks keep theirs like web requests do (CONN_MAX_AGE, checked before
# reuse, dropped after an error): config/celery.py, `task_connections_tidy`.
CELERY_DB_REUSE_MAX = 2**62
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = CLAIMDESK_MAINTENANCE_QUEUE
CELERY_TASK_QUEUES_NAMES = [CLAIMDESK_CPU_QUEUE, CLAIMDESK_IO_QUEUE, CLAIMDESK_MAINTENANCE_QUEUE]
CELERY_TASK_ROUTES = {
    "claims.tasks.extract_article": {"queue": CLAIMDESK_CPU_QUEUE},
    "claims.tasks.fetch_article": {"queue": CLAIMDESK_IO_QUEUE},
    "claims.tasks.check_source": {"queue": CLAIMDESK_IO_QUEUE},
    "claims.tasks.check_claim": {"queue": CLAIMDESK_IO_QUEUE},
    "claims.tasks.refetch_stale_sources": {"queue": CLAIMDESK_IO_QUEUE},
    # Matching is CPU work that follows extraction and imports.
    "reviews.tasks.match_*": {"queue": CLAIMDESK_CPU_QUEUE},
    "claims.tasks.poll_feed": {"queue": CLAIMDESK_IO_QUEUE},
    "claims.tasks.ingest_feed_item": {"queue": CLAIMDESK_IO_QUEUE},
    # A slow receiver waits on the network, never in line with housekeeping.
    "reviews.tasks.deliver_webhook": {"queue": CLAIMDESK_IO_QUEUE},
    "claims.tasks.recover_work": {"queue": CLAIMDESK_MAINTENANCE_QUEUE},
    "reviews.tasks.*": {"queue": CLAIMDESK_MAINTENANCE_QUEUE},
    "config.celery.*": {"queue": CLAIMDESK_MAINTENANCE_QUEUE},
}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    "expire-assignment-leases": {
        "task": "reviews.tasks.expire_assignment_leases",
        "schedule": env_int("CLAIMDESK_LEASE_SWEEP_SECONDS", 60),
    },
    # Unfinished work no worker holds (a killed worker, a send the broker refused) is sent again.
    "recover-work": {
        "task": "claims.tasks.recover_work",
        "schedule": env_int("CLAIMDESK_RECOVERY_SWEEP_SECONDS", 15),
    },
    "refetch-stale-sources": {
        "task": "claims.tasks.refetch_stale_sources",
        "schedule": env_int("CLAIMDESK_REFETCH_SWEEP_SECONDS", 3600),
    },
    "poll-due-feeds": {
        "task": "claims.tasks.poll_due_feeds",
        "schedule": env_int("CLAIMDESK_FEED_SWEEP_SECONDS", 60),
    },
    "send-due-digests": {
        "task": "reviews.tasks.send_due_digests",
        "schedule": env_int("CLAIMDESK_DIGEST_SWEEP_SECONDS", 300),
    },
}

# --- Claimdesk ---------------------------------------------------------------------------------
CLAIMDESK_OUTAGE_RETRY_AFTER = env_int("CLAIMDESK_OUTAGE_RETRY_AFTER", 30)  # seconds, on 503s
CLAIMDESK_MAX_ARTICLE_CHARS = env_int("CLAIMDESK_MAX_ARTICLE_CHARS", 200_000)
CLAIMDESK_MAX_TASK_ATTEMPTS = env_int("CLAIMDESK_MAX_TASK_ATTEMPTS", 3)
# A worker holds an article or source it works on for this long, renewing every third of it;
# a killed worker's work is sent again within lease + sweep interval (see README "Failure and
# recovery").
CLAIMDESK_WORK_LEASE_SECONDS = env_int("CLAIMDESK_WORK_LEASE_SECONDS", 60)
CLAIMDESK_RECOVERY_SWEEP_SECONDS = CELERY_BEAT_SCHEDULE["recover-work"]["schedule"]
if CLAIMDESK_WORK_LEASE_SECONDS < 3:
    raise ImproperlyConfigured(
        "CLAIMDESK_WORK_LEASE_SECONDS must be at least 3 (it is renewed every third)."
    )
CLAIMDESK_FETCH_ALLOW_PRIVATE = env_bool("CLAIMDESK_FETCH_ALLOW_PRIVATE", False)
CLAIMDESK_FETCH_MAX_BYTES = env_int("CLAIMDESK_FETCH_MAX_BYTES", 10 * 1024 * 1024)
CLAIMDESK_FETCH_CONNECT_TIMEOUT = env_int("CLAIMDESK_FETCH_CONNECT_TIMEOUT", 5)
CLAIMDESK_FETCH_READ_TIMEOUT = env_int("CLAIMDESK_FETCH_READ_TIMEOUT", 10)
CLAIMDESK_FETCH_DEADLINE = env_int("CLAIMDESK_FETCH_DEADLINE", 30)
CLAIMDESK_FETCH_HOST_CONCURRENCY = env_int("CLAIMDESK_FETCH_HOST_CONCURRENCY", 4)
# Fetches one worker process has on the network at once (0: as many as the pool has threads).
# The sources worker runs more threads than slots, so parsing never holds a request back:
# claims/fetch_slots.py, README "Worker layout".
CLAIMDESK_FETCH_SLOTS = env_int("CLAIMDESK_FETCH_SLOTS", 0)
CLAIMDESK_FETCH_RETRY_BACKOFF = env_int(
    "CLAIMDESK_FETCH_RETRY_BACKOFF", 10
)  # seconds, doubled per try
CLAIMDESK_REFETCH_AFTER_HOURS = env_int("CLAIMDESK_REFETCH_AFTER_HOURS", 24)
# Feeds: a byte cap of their own, a cap on new entries per poll, backoff, then "dead".
CLAIMDESK_FEED_MAX_BYTES = env_int("CLAIMDESK_FEED_MAX_BYTES", 5 * 1024 * 1024)
CLAIMDESK_FEED_MAX_ITEMS_PER_POLL = env_int("CLAIMDESK_FEED_MAX_ITEMS_PER_POLL", 50)
CLAIMDESK_FEED_DEAD_AFTER = env_int("CLAIMDESK_FEED_DEAD_AFTER", 8)
CLAIMDESK_FEED_MAX_BACKOFF_MINUTES = env_int("CLAIMDESK_FEED_MAX_BACKOFF_MINUTES", 24 * 60)
# Webhooks out: bounded in time, retried with exponential backoff, disabled after a run of failures.
CLAIMDESK_WEBHOOK_TIMEOUT = env_int("CLAIMDESK_WEBHOOK_TIMEOUT", 5)
CLAIMDESK_WEBHOOK_MAX_ATTEMPTS = env_int("CLAIMDESK_WEBHOOK_MAX_ATTEMPTS", 6)
CLAIMDESK_WEBHOOK_BACKOFF = env_int("CLAIMDESK_WEBHOOK_BACKOFF", 30)
CLAIMDESK_WEBHOOK_DISABLE_AFTER = env_int("CLAIMDESK_WEBHOOK_DISABLE_AFTER", 15)
CLAIMDESK_LEASE_MINUTES = env_int("CLAIMDESK_LEASE_MINUTES", 60)
# Opt-in: `next` on PostgreSQL commits without waiting for the disk (synchronous_commit off for
# that one transaction): about twice the claims/s. A database crash can then forget the last
# fraction of a second of takes (claim, lease and audit event together), and a checker already
# looking at a forgotten claim could see it handed to someone else. Off by default: a claim never
# goes to two checkers, even across a database crash.
CLAIMDESK_NEXT_ASYNC_COMMIT = env_bool("CLAIMDESK_NEXT_ASYNC_COMMIT", False)
CLAIMDESK_QUEUE_OVERDUE_HOURS = env_int("CLAIMDESK_QUEUE_OVERDUE_HOURS", 48)
# Choosing work: a skipped claim is passed over for that checker this long; a checker holds at
# most this many claims at once (0: no cap).
# Claims scoring below this check-worthiness are listed on their article as "not check-worthy"
# instead of being queued (inconsistencies always are); one click promotes one.
CLAIMDESK_QUEUE_THRESHOLD = env_float("CLAIMDESK_QUEUE_THRESHOLD", 0.5)
CLAIMDESK_SKIP_MINUTES = env_int("CLAIMDESK_SKIP_MINUTES", 120)
CLAIMDESK_MAX_HELD_CLAIMS = env_int("CLAIMDESK_MAX_HELD_CLAIMS", 10)
CLAIMDESK_PUBLIC_MAX_AGE = env_int("CLAIMDESK_PUBLIC_MAX_AGE", 60)
CLAIMDESK_PUBLIC_STALE_WHILE_REVALIDATE = env_int("CLAIMDESK_PUBLIC_STALE_WHILE_REVALIDATE", 300)
CLAIMDESK_PUBLIC_NOT_FOUND_MAX_AGE = env_int("CLAIMDESK_PUBLIC_NOT_FOUND_MAX_AGE", 30)
CLAIMDESK_PUBLIC_CACHE_TIMEOUT = env_int("CLAIMDESK_PUBLIC_CACHE_TIMEOUT", 3600)
# How often each web process looks for badge-cache invalidations lost to a cache outage.
CLAIMDESK_PUBLIC_REPAIR_SECONDS = env_int("CLAIMDESK_PUBLIC_REPAIR_SECONDS", 5)
CLAIMDESK_PUBLIC_BASE_URL = env_str("CLAIMDESK_PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip(
    "/"
)
CLAIMDESK_ORGANIZATION_NAME = env_str("CLAIMDESK_ORGANIZATION_NAME", "Claimdesk")
CLAIMDESK_ORGANIZATION_URL = env_str("CLAIMDESK_ORGANIZATION_URL", CLAIMDESK_PUBLIC_BASE_URL)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # django-axes logs every login at INFO; failures and lockouts come at WARNING.
    "loggers": {"axes": {"level": "WARNING"}},
}

# "Checked before?" matching (reviews.matching). Scores are in [0, 1]; set from the labelled
# pairs in tests/matching_pairs/ (see scripts/matching_eval.py), not guessed.
CLAIMDESK_MATCH_SUGGEST = env_float("CLAIMDESK_MATCH_SUGGEST", 0.6)
CLAIMDESK_MATCH_PROBABLE = env_float("CLAIMDESK_MATCH_PROBABLE", 0.7)
# A ClaimReview feed fetched by URL is held in memory (files stream): this caps it.
CLAIMDESK_IMPORT_MAX_BYTES = env_int("CLAIMDESK_IMPORT_MAX_BYTES", 100 * 1024 * 1024)
