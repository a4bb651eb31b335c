//! An upcoming event's readiness on its page: each check with its state.

use leptos::prelude::*;

use super::model::{Readiness, ReadinessCheck};
use crate::i18n::fr as t;

#[component]
pub fn ReadinessCard(readiness: Readiness) -> impl IntoView {
    let (badge, summary) = if readiness.is_ready() {
        ("badge badge-ok", t::READY.to_owned())
    } else {
        ("badge badge-danger", t::at_risk_count(readiness.missing().len()))
    };
    let checks = ReadinessCheck::ALL
        .into_iter()
        .map(|check| {
            let met = readiness.met(check);
            let (class, state) = if met { ("check-met", t::CHECK_MET) } else { ("check-missing", t::CHECK_MISSING) };
            view! {
                <li class=class>
                    <span class="check-state" aria-hidden="true">{if met { "✓" } else { "✗" }}</span>
                    " " {check.label()} <span class="visually-hidden">" : " {state}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card" id="preparation">
            <h2>{t::READINESS} " " <span class=badge>{summary}</span></h2>
            <ul class="checklist">{checks}</ul>
        </section>
    }
}
