"""Path converters shared by every app's URL conf and the API."""

# The largest id a 64-bit signed primary key (SQLite INTEGER, PostgreSQL bigint) holds.
MAX_ID = 2**63 - 1


class IdConverter:
    """``<id:pk>``: a database id. Anything else (beyond 64 bits, negative, not a
    number) does not match the route, so it answers 404 instead of reaching the
    database and failing there (SQLite raises OverflowError on huge integers)."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            # Django takes ValueError as "this route does not match".
            raise ValueError(value)
        return number

    def to_url(self, value) -> str:
        return str(int(value))
