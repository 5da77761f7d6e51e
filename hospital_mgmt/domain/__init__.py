"""The hospital's rules. Imports nothing from storage, ui or file output."""
