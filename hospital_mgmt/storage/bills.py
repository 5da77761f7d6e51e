"""Finalized bills: written once in one transaction, then only paid or voided."""
from .database import Database


class BillRepository:
    def __init__(self, db: Database):
        self.db = db
