from tests.registration.conftest import (  # noqa: F401
    isu_user,
    open_registration,
    reference,
    roles,
)
