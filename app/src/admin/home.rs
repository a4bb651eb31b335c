use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::fr as t;
use crate::routes;
use crate::ui::loaded::{Loaded, allowed, no_data};
use crate::ui::page_title;

/// The administration's sections, each with what it is for.
const SECTIONS: &[(&str, &str, &str)] = &[
    (routes::COLLABORATORS, t::COLLABORATORS, t::ADMIN_COLLABORATORS_HELP),
    (routes::SUPPORT_QUEUE, t::SUPPORT_QUEUE, t::ADMIN_SUPPORT_QUEUE_HELP),
    (routes::HAND_OVER, t::HAND_OVER_PORTFOLIO, t::ADMIN_HAND_OVER_HELP),
    (routes::AUDIT_JOURNAL, t::AUDIT_JOURNAL_TITLE, t::ADMIN_JOURNAL_HELP),
    (routes::SECURITY_LOG, t::SECURITY_LOG_TITLE, t::ADMIN_SECURITY_HELP),
    (routes::RGPD_RETENTION, t::RGPD_RETENTION_TITLE, t::ADMIN_RETENTION_HELP),
    (routes::RGPD_PROCESSING, t::RGPD_PROCESSING_TITLE, t::ADMIN_PROCESSING_HELP),
];

#[component]
pub fn AdminPage() -> impl IntoView {
    view! {
        <Title text=page_title(t::NAV_ADMIN)/>
        <main id="contenu" class="page">
            <Loaded
                resource=no_data()
                render=|(), actor| {
                    allowed(actor.is_some_and(|a| crate::policy::can_administer(&a)))?;
                    Ok(view! {
                        <h1>{t::NAV_ADMIN}</h1>
                        <ul class="admin-sections">
                            {SECTIONS
                                .iter()
                                .map(|(href, title, help)| view! {
                                    <li class="card">
                                        <h2><a href=*href>{*title}</a></h2>
                                        <p class="muted">{*help}</p>
                                    </li>
                                })
                                .collect_view()}
                        </ul>
                    })
                }
            />
        </main>
    }
}
