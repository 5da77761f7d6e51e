"""Services >: the price list. A price change never alters a bill already made."""
from __future__ import annotations

from decimal import Decimal

from ..domain.money import parse_money
from ..domain.service import Service
from ..domain.staff import Permission
from ..domain.validation import validate_free_text
from ..operations import price_list
from .app import App
from .labs_menu import lab_test_types
from .menu import Choice, Menu
from .pickers import pick_service
from .prompts import ask, ask_or_keep, confirm
from .views import show_services


def services_menu(app: App) -> Menu:
    return Menu(app, "Services", [
        Choice("Add a service", lambda: add_service(app), Permission.EDIT_PRICE_LIST),
        Choice("View a service", lambda: view_service(app), Permission.VIEW_RECORDS),
        Choice("List services", lambda: list_services(app), Permission.VIEW_RECORDS),
        Choice("Search services", lambda: search_services(app), Permission.VIEW_RECORDS),
        Choice("Update name or price", lambda: update_service(app), Permission.EDIT_PRICE_LIST),
        Choice("Delete a service", lambda: delete_service(app), Permission.EDIT_PRICE_LIST),
        Choice("Lab test types (reference ranges)", lambda: lab_test_types(app), Permission.VIEW_RECORDS),
    ])


def _name(text: str) -> str:
    return validate_free_text(text, "service name", 100)


def _price(text: str) -> Decimal:
    return parse_money(text, "price")


def add_service(app: App) -> None:
    c = app.console
    c.hint("Enter on an empty field goes back.")
    service = Service(name=ask(c, "Service name", _name), cost=ask(c, f"Price ({app.settings.currency})", _price))
    price_list.add_service(app.ctx, service)
    c.say(f"Added service {service.code}.")


def view_service(app: App) -> None:
    service = pick_service(app)
    assert service.service_id is not None
    show_services(app, [service])
    app.console.say(f"On bills: {price_list.times_billed(app.ctx, service.service_id)}")


def list_services(app: App) -> None:
    app.page_through(lambda n: price_list.list_services(app.ctx, n), lambda items: show_services(app, items),
                     "The price list is empty.")


def search_services(app: App) -> None:
    text = ask(app.console, "Part of the service name (Enter to go back)", _name)
    app.page_through(lambda n: price_list.search_services(app.ctx, text, n), lambda items: show_services(app, items),
                     f"No service name contains {text!r}.")


def update_service(app: App) -> None:
    c = app.console
    current = pick_service(app)
    c.hint("Enter keeps the value in brackets. Bills already made keep their prices.")
    updated = Service(name=ask_or_keep(c, "Service name", _name, current.name),
                      cost=ask_or_keep(c, "Price", _price, current.cost), service_id=current.service_id)
    price_list.update_service(app.ctx, updated)
    c.say(f"Updated service {updated.code}.")


def delete_service(app: App) -> None:
    service = pick_service(app)
    assert service.service_id is not None
    show_services(app, [service])
    price_list.check_deletable(app.ctx, service.service_id)
    if not confirm(app.console, f"Delete service {service.code}?", default=False):
        app.console.say("Nothing was deleted.")
        return
    price_list.delete_service(app.ctx, service.service_id)
    app.console.say(f"Deleted service {service.code}.")
