"""The terminal side: console, prompts, tables and menus. Only prompts, prints and calls."""
