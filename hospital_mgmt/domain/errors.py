"""Errors named for the business condition; their text is what a clerk reads."""


class HospitalError(Exception):
    """Base of every error the application explains to the user as `Error: <reason>`."""


class InvalidField(HospitalError):
    def __init__(self, field: str, reason: str):
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


class NotFound(HospitalError):
    def __init__(self, kind: str, code: str):
        super().__init__(f"no {kind} {code}")
        self.kind = kind
        self.code = code


class Duplicate(HospitalError):
    """A value that must be unique is already stored."""


class DuplicateServiceName(Duplicate):
    def __init__(self, name: str):
        super().__init__(f"a service named {name!r} already exists")


class StillReferenced(HospitalError):
    """A record cannot be removed while others refer to it."""


class UnknownReference(HospitalError):
    """A record refers to another that does not exist."""


class SlotTaken(HospitalError):
    """A doctor or a patient already has a live appointment in that slot."""


class InvalidTransition(HospitalError):
    """A status change that makes no sense (completing a cancelled appointment, say)."""


class BillError(HospitalError):
    """A bill cannot be built, finalized, paid or voided as asked."""


class StorageError(HospitalError):
    """The database refused or failed; the text says why."""


class DatabaseUnavailable(StorageError):
    """The database cannot be reached or opened."""
