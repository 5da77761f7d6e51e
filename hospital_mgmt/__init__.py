"""hospital_mgmt: hospital front desk and billing."""

__version__ = "0.2.0"
