"""The layout holds: imports point inward. The domain imports no other part of the application;
documents turn what they are given into files without reading the database; the faces reach the
records only through the operations; storage knows nothing of the faces."""
import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "hospital_mgmt"
PARTS = ("domain", "storage", "operations", "documents", "ui", "hospital_main", "boundary", "db_config", "log_setup",
         "paths", "passwords")
# Which parts of the application each part may import.
ALLOWED = {
    "domain": {"domain"},
    "storage": {"domain", "storage", "db_config", "paths"},
    "documents": {"domain", "documents", "paths"},
    "operations": {"domain", "storage", "documents", "operations", "db_config", "log_setup", "paths", "passwords"},
    "ui": {"domain", "operations", "ui", "boundary", "db_config"},
    "hospital_main": {"domain", "operations", "ui", "boundary", "db_config", "log_setup"},
    "boundary": {"domain", "db_config", "log_setup"},
}


def part_of(module: Path) -> str:
    relative = module.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def imported_parts(module: Path) -> set[str]:
    """The parts of the application a module imports (relative imports resolved)."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    depth = len(module.relative_to(PACKAGE).parts) - 1
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                path = list(module.relative_to(PACKAGE).parts[:depth - node.level + 1])
                path += (node.module or "").split(".") if node.module else [alias.name for alias in node.names]
            elif (node.module or "").startswith("hospital_mgmt."):
                path = node.module.split(".")[1:]
            else:
                continue
            found.update(p for p in path[:1] if p in PARTS)
    return found


def modules():
    return sorted(path for path in PACKAGE.rglob("*.py") if "seed" not in path.parts and part_of(path) in ALLOWED)


@pytest.mark.parametrize("module", modules(), ids=lambda path: str(path.relative_to(PACKAGE)))
def test_each_module_imports_only_the_parts_its_layer_may_use(module):
    assert imported_parts(module) <= ALLOWED[part_of(module)]


def test_the_check_sees_the_imports_it_is_about():
    assert imported_parts(PACKAGE / "ui" / "app.py") >= {"operations", "boundary", "domain"}
    assert imported_parts(PACKAGE / "operations" / "billing.py") >= {"domain", "storage"}
    assert "storage" not in imported_parts(PACKAGE / "ui" / "pickers.py")
