"""The privacy guard lives in ``exchange.core.privacy`` (every app uses it)."""

from exchange.core.privacy import (  # noqa: F401
    Finding,
    find_personal_data,
    findings_message,
    normalise_text,
    privacy_check,
    privacy_check_fields,
    stream_texts,
)
