"""The price list: services and their prices. A price change never alters a bill already made."""
from __future__ import annotations

from ..domain.errors import ServiceOnBills
from ..domain.service import Service
from ..domain.staff import Permission
from ..storage.paging import PAGE_SIZE, Page, PageAt
from ..storage.unit_of_work import Repositories
from .context import Context, allowed


@allowed(Permission.VIEW_RECORDS)
def get_service(ctx: Context, service_id: int) -> Service:
    return ctx.repos.services.get(service_id)


@allowed(Permission.VIEW_RECORDS)
def list_services(ctx: Context, page: PageAt = 1, size: int = PAGE_SIZE) -> Page[Service]:
    return ctx.repos.services.page(page, size)


@allowed(Permission.VIEW_RECORDS)
def search_services(ctx: Context, text: str, page: PageAt = 1, size: int = PAGE_SIZE) -> Page[Service]:
    """Services whose name contains the text, ignoring case, spaces and punctuation."""
    return ctx.repos.services.search(text, page, size)


@allowed(Permission.VIEW_RECORDS)
def count_services(ctx: Context, text: str = "") -> tuple[int, bool]:
    return ctx.repos.services.count(text)


@allowed(Permission.EDIT_PRICE_LIST)
def times_billed(ctx: Context, service_id: int) -> int:
    """On how many bills the service stands."""
    return ctx.repos.services.bill_count(service_id)


@allowed(Permission.EDIT_PRICE_LIST)
def add_service(ctx: Context, service: Service) -> Service:
    """Put a service on the price list; its name must differ from every other's (DuplicateServiceName)."""
    with ctx.unit_of_work() as uow:
        uow.services.add(service)
        uow.audit(f"service {service.code} added", "service.add", service.code, after=service)
        uow.commit()
    return service


@allowed(Permission.EDIT_PRICE_LIST)
def update_service(ctx: Context, service: Service) -> Service:
    """Change the name or the price; bills already made keep the price they were made with."""
    assert service.service_id is not None
    with ctx.unit_of_work() as uow:
        before = uow.services.get(service.service_id)
        uow.services.update(service)
        uow.audit(f"service {service.code} updated", "service.update", service.code, before, service)
        uow.commit()
    return service


@allowed(Permission.EDIT_PRICE_LIST)
def check_deletable(ctx: Context, service_id: int) -> None:
    """Refuse (ServiceOnBills) while a bill holds the service."""
    _refuse_if_billed(ctx.repos, ctx.repos.services.get(service_id))


@allowed(Permission.EDIT_PRICE_LIST)
def delete_service(ctx: Context, service_id: int) -> None:
    with ctx.unit_of_work() as uow:
        service = uow.services.get(service_id)
        _refuse_if_billed(uow, service)
        uow.services.remove(service_id)
        uow.audit(f"service {service.code} deleted", "service.delete", service.code, before=service)
        uow.commit()


def _refuse_if_billed(repos: Repositories, service: Service) -> None:
    assert service.service_id is not None
    count = repos.services.bill_count(service.service_id)
    if count:
        raise ServiceOnBills(service.code, count)
