"""Rebuilding domain objects from rows the database already holds.

The constructors validate every field, which is right for what a person types. Rows read back
were validated on the way in and are held by the schema's constraints, so reads restore the
object directly: validating twice made each screen of records several times slower.
"""
from typing import TypeVar

T = TypeVar("T")


def restore(cls: type[T], **fields) -> T:
    record = cls.__new__(cls)
    record.__dict__.update(fields)
    return record
