//! `/notifications`: the bell's list, newest first, the unread ones marked; each opens its
//! record (and is then read).

use leptos::prelude::*;
use leptos_meta::Title;

use super::api::{OpenNotification, ReadAllNotifications, list_notifications};
use super::model::{NotificationList, NotificationRow};
use crate::domain::datetime::format_datetime;
use crate::i18n::fr as t;
use crate::ui::list::ListHeader;
use crate::ui::loaded::Loaded;
use crate::ui::page_title;
use crate::ui::status::Notice;

#[component]
pub fn NotificationListPage() -> impl IntoView {
    let list = Resource::new(|| (), |_| list_notifications());
    view! {
        <Title text=page_title(t::NOTIFICATIONS)/>
        <main id="contenu" class="page">
            <Notice/>
            <Loaded resource=list render=|list, _actor| Ok(view! { <Notifications list/> })/>
        </main>
    }
}

#[component]
fn Notifications(list: NotificationList) -> impl IntoView {
    let NotificationList { items, unread } = list;
    let read_all = ServerAction::<ReadAllNotifications>::new();
    view! {
        <ListHeader title=t::NOTIFICATIONS total=None/>
        <p class="muted">{t::NOTIFICATIONS_INTRO}</p>
        {(unread > 0).then(|| view! {
            <ActionForm action=read_all>
                <button type="submit" class="button-ghost">{t::NOTIFICATIONS_READ_ALL}</button>
            </ActionForm>
        })}
        <section class="card">
            {if items.is_empty() {
                view! { <p class="muted">{t::NO_NOTIFICATIONS}</p> }.into_any()
            } else {
                view! {
                    <ul class="notifications">
                        {items.into_iter().map(|row| view! { <NotificationItem row/> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}

/// One notification: its sentence, its time, and the button that opens its record. A plain
/// form, so that opening marks it read with or without JavaScript.
#[component]
fn NotificationItem(row: NotificationRow) -> impl IntoView {
    let open = ServerAction::<OpenNotification>::new();
    let unread = row.is_unread();
    let text = row.text();
    view! {
        <li class=if unread { "notification notification-unread" } else { "notification" }>
            <div>
                <p>
                    {unread.then(|| view! { <span class="badge badge-info">{t::NOTIFICATION_NEW}</span> " " })}
                    {text.clone()}
                </p>
                <p class="muted"><time datetime=row.created_at.to_rfc3339()>{format_datetime(row.created_at)}</time></p>
            </div>
            <ActionForm action=open>
                <input type="hidden" name="id" value=row.id.to_string()/>
                <button type="submit" class="button-ghost" aria-label=format!("{} : {text}", t::NOTIFICATION_OPEN)>
                    {t::NOTIFICATION_OPEN}
                </button>
            </ActionForm>
        </li>
    }
}
