"""Background jobs of the notifications app (in-process by default, a queue in production)."""

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django_tasks import task

from bagalau.core import clock
from bagalau.notifications.models import Notification
from bagalau.notifications.selectors import notification_text

#: The recipient's language is unknown: every e-mail is written in both state languages.
EMAIL_LANGUAGES = ("kk", "ru")


def _send(notification: Notification | None) -> None:
    """Mail one notification in Kazakh and Russian, once: the notification is claimed before
    sending (two workers never both send it) and released when the mail server fails, so a
    retry sends it."""
    if notification is None or not notification.recipient.email:
        return
    claimed = Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(
        emailed_at=clock.now()
    )
    if not claimed:
        return
    texts = []
    for language in EMAIL_LANGUAGES:
        with translation.override(language):
            texts.append(notification_text(notification))
    try:
        send_mail(
            subject=f"Bagalau: {texts[0][:60]}",
            message="\n\n".join(texts),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[notification.recipient.email],
        )
    except Exception:
        Notification.objects.filter(pk=notification.pk).update(emailed_at=None)
        raise


@task()
def send_notification_email(notification_id: int) -> None:
    """Mail one notification (see `_send`)."""
    _send(Notification.objects.select_related("recipient").filter(pk=notification_id).first())


@task()
def send_notification_emails(notification_ids: list[int]) -> None:
    """Mail a batch of notifications written together (`notify_many`), loaded in one query,
    each once (see `_send`); a failure leaves the rest of the batch for the retry."""
    for notification in (
        Notification.objects.select_related("recipient")
        .filter(pk__in=notification_ids)
        .order_by("pk")
    ):
        _send(notification)
