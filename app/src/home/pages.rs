//! "Ma journée": one card per queue, then (management) the support team's week.

use leptos::prelude::*;
use leptos_meta::Title;

use super::api::get_my_day;
use super::model::{MyDay, Queue, WeekWorkload};
use crate::domain::datetime::format_day;
use crate::events::model::EventQuery;
use crate::i18n::fr as t;
use crate::ui::list::count_label;
use crate::ui::loaded::Loaded;
use crate::ui::page_title;

#[component]
pub fn HomePage() -> impl IntoView {
    let day = Resource::new(|| (), |()| get_my_day());
    view! {
        <Title text=page_title(t::HOME_TITLE)/>
        <main id="contenu" class="page">
            <h1>{t::HOME_TITLE}</h1>
            <Loaded resource=day render=|day, actor| Ok(view! { <Day day name=actor.map(|a| a.full_name).unwrap_or_default()/> })/>
        </main>
    }
}

#[component]
fn Day(day: MyDay, name: String) -> impl IntoView {
    let MyDay { today, queues, workload } = day;
    view! {
        <p class="muted">{t::welcome(&name, &format_day(today))}</p>
        <div class="queues">
            {queues.into_iter().map(|queue| view! { <QueueCard queue/> }).collect_view()}
            {workload.map(|week| view! { <WorkloadCard week/> })}
        </div>
    }
}

#[component]
fn QueueCard(queue: Queue) -> impl IntoView {
    let Queue { kind, total, href, rows } = queue;
    let heading = format!("queue-{}", kind.code());
    let labelled_by = heading.clone();
    let more = (total > rows.len() as i64).then(|| {
        let href = href.clone();
        view! { <p><a href=href>{t::queue_see_all(&count_label(total))}</a></p> }
    });
    let body = if rows.is_empty() {
        view! { <p class="muted">{t::QUEUE_EMPTY}</p> }.into_any()
    } else {
        view! {
            <ul class="queue-rows">
                {rows
                    .into_iter()
                    .map(|row| {
                        view! {
                            <li>
                                <a href=row.href>{row.label}</a>
                                {row.alert.map(|alert| view! { " " <span class="badge badge-danger">{alert}</span> })}
                                <span class="muted">{row.detail}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="card queue" id=kind.code() aria-labelledby=labelled_by>
            <h2 id=heading>
                <a href=href>{kind.title()}</a>
                " " <span class="queue-count">{count_label(total)}</span>
            </h2>
            {body}
            {more}
        </section>
    }
}

#[component]
fn WorkloadCard(week: WeekWorkload) -> impl IntoView {
    let WeekWorkload { monday, sunday, rows } = week;
    let body = if rows.is_empty() {
        view! { <p class="muted">{t::NO_SUPPORT_COLLABORATORS}</p> }.into_any()
    } else {
        view! {
            <table class="workload">
                <thead>
                    <tr>
                        <th scope="col">{t::SUPPORT_CONTACT}</th>
                        <th scope="col" class="numeric">{t::WORKLOAD_EVENTS}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|row| {
                            let href = EventQuery { support: Some(row.id), from: Some(monday), to: Some(sunday), ..Default::default() }
                                .to_url();
                            view! {
                                <tr>
                                    <td>{row.full_name}</td>
                                    <td class="numeric"><a href=href>{row.events}</a></td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <section class="card queue" id="workload" aria-labelledby="queue-workload">
            <h2 id="queue-workload">{t::WORKLOAD_TITLE}</h2>
            <p class="muted">{t::workload_week(&format_day(monday), &format_day(sunday))}</p>
            {body}
        </section>
    }
}
