"""Background jobs of the notifications app (in-process by default, a queue in production)."""

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone, translation
from django_tasks import task

from bagalau.notifications.models import Notification


@task()
def send_notification_email(notification_id: int) -> None:
    """Mail one notification in Kazakh and Russian (the recipient's preference is unknown)."""
    from bagalau.notifications.selectors import notification_text

    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    if notification.emailed_at is not None:
        return
    texts = []
    for language in ("kk", "ru"):
        with translation.override(language):
            texts.append(notification_text(notification))
    send_mail(
        subject=f"Bagalau: {texts[0][:60]}",
        message="\n\n".join(texts),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[notification.recipient.email],
    )
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
