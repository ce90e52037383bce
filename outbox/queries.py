from .models import Notification


def queued_since(*, reference: str, kind: str, since) -> bool:
    """Whether an e-mail of this kind about `reference` was queued after `since`."""
    return Notification.objects.filter(
        reference=reference, kind=kind, created_at__gt=since
    ).exists()
