"""Services >: the price list. A price change never alters a bill already made."""
from ..domain.errors import StillReferenced
from ..domain.money import parse_money
from ..domain.service import Service
from ..domain.validation import validate_free_text
from ..log_setup import log
from .app import App
from .menu import Choice, Menu
from .pickers import pick_service, show_services
from .prompts import ask_value, confirm


def services_menu(app: App) -> Menu:
    return Menu(app, "Services", [
        Choice("Add a service", lambda: add_service(app)),
        Choice("View a service", lambda: view_service(app)),
        Choice("List services", lambda: list_services(app)),
        Choice("Search services", lambda: search_services(app)),
        Choice("Update name or price", lambda: update_service(app)),
        Choice("Delete a service", lambda: delete_service(app)),
    ])


def _name(text: str) -> str:
    return validate_free_text(text, "service name", 100)


def _price(text: str):
    return parse_money(text, "price")


def add_service(app: App) -> None:
    c = app.console
    c.hint("Enter on an empty field goes back.")
    service = Service(name=ask_value(c, "Service name", _name),
                      cost=ask_value(c, f"Price ({app.settings.currency})", _price))
    app.commit(lambda uow: uow.services.add(service))
    log.info("service %s added", service.code)
    c.say(f"Added service {service.code}.")


def view_service(app: App) -> None:
    service = pick_service(app)
    show_services(app, [service])
    app.console.say(f"On bills: {app.repos.services.bill_count(service.service_id)}")


def list_services(app: App) -> None:
    app.page_through(lambda n: app.repos.services.list(n), lambda items: show_services(app, items),
                     "The price list is empty.")


def search_services(app: App) -> None:
    text = ask_value(app.console, "Part of the service name (Enter to go back)", _name)
    app.page_through(lambda n: app.repos.services.search(text, n), lambda items: show_services(app, items),
                     f"No service name contains {text!r}.")


def update_service(app: App) -> None:
    c = app.console
    current = pick_service(app)
    c.hint("Enter keeps the value in brackets. Bills already made keep their prices.")
    updated = Service(name=ask_value(c, "Service name", _name, keep=current.name),
                      cost=ask_value(c, "Price", _price, keep=current.cost), service_id=current.service_id)
    app.commit(lambda uow: uow.services.update(updated))
    log.info("service %s updated", updated.code)
    c.say(f"Updated service {updated.code}.")


def delete_service(app: App) -> None:
    service = pick_service(app)
    show_services(app, [service])
    count = app.repos.services.bill_count(service.service_id)
    if count:
        raise StillReferenced(f"service {service.code} cannot be deleted: it is on {count} bills")
    if not confirm(app.console, f"Delete service {service.code}?", default=False):
        app.console.say("Nothing was deleted.")
        return
    app.commit(lambda uow: uow.services.remove(service.service_id))
    log.info("service %s deleted", service.code)
    app.console.say(f"Deleted service {service.code}.")
