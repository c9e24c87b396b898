"""Pagination of the JSON API lists: ``page`` from 1, ``page_size`` at most 100."""

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

MAX_PAGE_SIZE = 100


class BoundedPageNumberPagination(PageNumberPagination):
    """django-ninja's page-number pagination with the bound in the schema:
    ``page_size`` above ``MAX_PAGE_SIZE`` (or below 1) answers 422."""

    class Input(Schema):
        page: int = Field(1, ge=1)
        page_size: int | None = Field(None, ge=1, le=MAX_PAGE_SIZE)
