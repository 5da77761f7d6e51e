"""Settings from .env (environment variables win over it) and the connection they describe.

Every path is taken from the folder the application runs in, as .env is: `data/`, `output/`
and `logs/` there, unless a setting says otherwise."""
from __future__ import annotations

import os
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING

from dotenv import dotenv_values

from .domain.errors import Refused

if TYPE_CHECKING:
    from .storage.database import Database

ENGINES = ("sqlite", "mysql")

DEFAULTS = {
    "DB_ENGINE": "sqlite",
    "SQLITE_PATH": "data/hospital.db",
    "DB_HOST": "127.0.0.1",
    "DB_PORT": "3306",
    "DB_USER": "root",
    "DB_PASSWORD": "",
    "DB_NAME": "hospital",
    "OUTPUT_DIR": "output",
    "LOG_FILE": "logs/hospital_mgmt.log",
    "HOSPITAL_NAME": "City General Hospital",
    "HOSPITAL_ADDRESS": "12 MG Road, Bengaluru 560001",
    "CURRENCY": "INR",
    "TAX_RATE": "0",
    "SLOT_MINUTES": "15",
    "IDLE_LOCK_MINUTES": "10",
    "HOSPITAL_PHONE": "",
    "HOSPITAL_REGISTRATION": "",
    "REFUND_APPROVAL_ABOVE": "5000",
    "API_TOKEN_HOURS": "10",
    "API_MAX_BODY_KB": "256",
}


class SettingsError(Refused):
    """A setting has a value the application cannot run with."""


@dataclass(frozen=True)
class Settings:
    db_engine: str
    sqlite_path: Path
    db_host: str
    db_port: int
    db_user: str
    db_password: str
    db_name: str
    output_dir: Path
    log_file: Path
    hospital_name: str
    hospital_address: str
    currency: str
    tax_rate: Decimal
    slot_minutes: int
    idle_lock_minutes: int = 10
    hospital_phone: str = ""
    hospital_registration: str = ""
    refund_approval_above: Decimal = Decimal("5000.00")
    api_token_hours: int = 10
    api_max_body_kb: int = 256

    @property
    def invoices_dir(self) -> Path:
        return self.output_dir / "invoices"

    @property
    def receipts_dir(self) -> Path:
        return self.output_dir / "receipts"

    @property
    def histories_dir(self) -> Path:
        return self.output_dir / "histories"

    @property
    def prescriptions_dir(self) -> Path:
        return self.output_dir / "prescriptions"

    @property
    def reports_dir(self) -> Path:
        return self.output_dir / "reports"

    def own_files(self) -> list[Path]:
        """The application's own files, which no export or report may be written over."""
        database = [Path(f"{self.sqlite_path}{suffix}") for suffix in ("", "-wal", "-shm", "-journal")]
        logs = [self.log_file] + [Path(f"{self.log_file}.{n}") for n in range(1, 6)]
        schema = sorted((Path(__file__).resolve().parent / "sql").glob("*.sql"))
        return database + logs + schema + [Path(".env")]

    def describe_database(self) -> str:
        if self.db_engine == "sqlite":
            return f"SQLite {self.sqlite_path}"
        return f"MySQL {self.db_user}@{self.db_host}:{self.db_port}/{self.db_name}"


def load_settings(env_file: str | Path = ".env", environ=None) -> Settings:
    """Defaults, then the .env file in the working directory, then the environment."""
    values = dict(DEFAULTS)
    values.update(_read_env_file(Path(env_file)))
    environ = os.environ if environ is None else environ
    values.update({k: environ[k] for k in DEFAULTS if k in environ})
    return Settings(
        db_engine=_engine(values["DB_ENGINE"]),
        sqlite_path=Path(values["SQLITE_PATH"]).expanduser(),
        db_host=values["DB_HOST"],
        db_port=_whole_number("DB_PORT", values["DB_PORT"], 1, 65535),
        db_user=values["DB_USER"],
        db_password=values["DB_PASSWORD"],
        db_name=_identifier("DB_NAME", values["DB_NAME"]),
        output_dir=Path(values["OUTPUT_DIR"]).expanduser(),
        log_file=Path(values["LOG_FILE"]).expanduser(),
        hospital_name=values["HOSPITAL_NAME"],
        hospital_address=values["HOSPITAL_ADDRESS"],
        currency=values["CURRENCY"],
        tax_rate=_percentage("TAX_RATE", values["TAX_RATE"]),
        slot_minutes=_slot_minutes(values["SLOT_MINUTES"]),
        idle_lock_minutes=_whole_number("IDLE_LOCK_MINUTES", values["IDLE_LOCK_MINUTES"], 1, 480),
        hospital_phone=values["HOSPITAL_PHONE"],
        hospital_registration=values["HOSPITAL_REGISTRATION"],
        refund_approval_above=_amount("REFUND_APPROVAL_ABOVE", values["REFUND_APPROVAL_ABOVE"]),
        api_token_hours=_whole_number("API_TOKEN_HOURS", values["API_TOKEN_HOURS"], 1, 720),
        api_max_body_kb=_whole_number("API_MAX_BODY_KB", values["API_MAX_BODY_KB"], 1, 102400),
    )


def _read_env_file(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    try:
        return {k: v for k, v in dotenv_values(path).items() if v is not None}
    except UnicodeDecodeError:
        raise SettingsError(f"{path} is not UTF-8 text; save it as UTF-8") from None
    except OSError as error:
        raise SettingsError(f"cannot read {path}: {error.strerror or error}") from None


def _engine(value: str) -> str:
    engine = value.strip().lower()
    if engine not in ENGINES:
        raise SettingsError(f"DB_ENGINE must be 'sqlite' or 'mysql', not {value!r}")
    return engine


def _whole_number(name: str, value: str, low: int, high: int) -> int:
    text = value.strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 9 or not low <= int(text) <= high:
        raise SettingsError(f"{name} must be a whole number from {low} to {high}, not {value!r}")
    return int(text)


def _slot_minutes(value: str) -> int:
    minutes = _whole_number("SLOT_MINUTES", value, 5, 240)
    if 1440 % minutes:
        raise SettingsError(f"SLOT_MINUTES must divide a day evenly (5, 10, 15, 20, 30, 60...), not {value!r}")
    return minutes


def _percentage(name: str, value: str) -> Decimal:
    try:
        rate = Decimal(value.strip())
    except InvalidOperation:
        raise SettingsError(f"{name} must be a percentage such as 18 or 5.5, not {value!r}") from None
    if not rate.is_finite() or not 0 <= rate <= 100:
        raise SettingsError(f"{name} must be a percentage from 0 to 100, not {value!r}")
    return rate


def _amount(name: str, value: str) -> Decimal:
    from .domain.money import parse_money
    try:
        return parse_money(value, name, allow_zero=True)
    except Refused:
        raise SettingsError(f"{name} must be an amount such as 5000 or 2500.50, not {value!r}") from None


def _identifier(name: str, value: str) -> str:
    # DB_NAME is the one identifier that reaches SQL text (CREATE DATABASE), so it is held
    # to letters, digits and underscores.
    if not value or not all(ch.isascii() and (ch.isalnum() or ch == "_") for ch in value):
        raise SettingsError(f"{name} must be letters, digits and _ only, not {value!r}")
    return value


def connect(settings: Settings, create: bool = False) -> Database:
    """Open the database the settings name. The engine modules import their driver lazily."""
    if settings.db_engine == "mysql":
        from .storage.mysql_engine import MySQLDatabase
        return MySQLDatabase.open(settings, create=create)
    from .storage.sqlite_engine import SQLiteDatabase
    return SQLiteDatabase.open(settings.sqlite_path, create=create)
