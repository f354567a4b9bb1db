import uuid
from typing import Annotated

from fastapi import APIRouter, Query, status

from cwm_kit.pagination import Page, PageDep
from cwm_kit.security import OfficerPrincipal

from .dependencies import AccountServiceDep
from .schemas import AccountCreate, AccountOut, AccountUpdate, AccountWithPassword, Grantable, WorkerAccountCreate

router = APIRouter(prefix="/accounts", tags=["accounts"])


@router.get("", response_model=Page[AccountOut], summary="Accounts inside the jurisdiction (search, lockouts shown)")
async def list_accounts(principal: OfficerPrincipal, service: AccountServiceDep, page: PageDep,
                        q: Annotated[str | None, Query(max_length=64)] = None,
                        role: Annotated[str | None, Query(max_length=32)] = None,
                        active: bool | None = None) -> Page[AccountOut]:
    items, total = await service.list(principal, page, q, role, active)
    return Page[AccountOut](items=items, total=total, page=page.page, size=page.size)


@router.get("/grantable", response_model=Grantable, summary="Roles and levels the caller may grant")
async def grantable(principal: OfficerPrincipal, service: AccountServiceDep) -> Grantable:
    return service.grantable(principal)


@router.post("", response_model=AccountWithPassword, status_code=status.HTTP_201_CREATED,
             summary="Create an officer account (initial password shown once, changed at first login; audited)")
async def create_account(body: AccountCreate, principal: OfficerPrincipal,
                         service: AccountServiceDep) -> AccountWithPassword:
    return await service.create(principal, body)


@router.post("/worker", response_model=AccountWithPassword, status_code=status.HTTP_201_CREATED,
             summary="Create a worker's account from the worker record (login by national ID or phone; audited)")
async def create_worker_account(body: WorkerAccountCreate, principal: OfficerPrincipal,
                                service: AccountServiceDep) -> AccountWithPassword:
    return await service.create_for_worker(principal, body)


@router.get("/{account_id}", response_model=AccountOut)
async def get_account(account_id: uuid.UUID, principal: OfficerPrincipal, service: AccountServiceDep) -> AccountOut:
    return await service.get(principal, account_id)


@router.patch("/{account_id}", response_model=AccountOut,
              summary="Rename, or change role or jurisdiction (ends the account's sessions; audited)")
async def update_account(account_id: uuid.UUID, body: AccountUpdate, principal: OfficerPrincipal,
                         service: AccountServiceDep) -> AccountOut:
    return await service.update(principal, account_id, body)


@router.post("/{account_id}/deactivate", response_model=AccountOut,
             summary="Deactivate (ends the account's sessions at once; audited)")
async def deactivate(account_id: uuid.UUID, principal: OfficerPrincipal, service: AccountServiceDep) -> AccountOut:
    return await service.set_active(principal, account_id, False)


@router.post("/{account_id}/activate", response_model=AccountOut, summary="Activate again (audited)")
async def activate(account_id: uuid.UUID, principal: OfficerPrincipal, service: AccountServiceDep) -> AccountOut:
    return await service.set_active(principal, account_id, True)


@router.post("/{account_id}/password-reset", response_model=AccountWithPassword,
             summary="Reset the password (a new initial password, changed at next login; ends sessions; audited)")
async def reset_password(account_id: uuid.UUID, principal: OfficerPrincipal,
                         service: AccountServiceDep) -> AccountWithPassword:
    return await service.reset_password(principal, account_id)


@router.post("/{account_id}/unlock", response_model=AccountOut, summary="Lift a lockout after failed logins (audited)")
async def unlock(account_id: uuid.UUID, principal: OfficerPrincipal, service: AccountServiceDep) -> AccountOut:
    return await service.unlock(principal, account_id)
