"""Storage: the DB layer (one interface, two engines) and one repository per aggregate."""
