use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::collaborators::api::{HandOverPortfolio, salespeople};
use crate::collaborators::model::CollaboratorChoice;
use crate::components::{ErrorSummary, FieldError, SubmitButton, action_error};
use crate::error::AppError;
use crate::i18n::fr as t;
use crate::ui::loaded::{Loaded, allowed, no_data};
use crate::ui::page_title;
use crate::ui::status::Notice;

/// Hands every client of one salesperson, and their open contracts, to another in one step.
/// `?de=<id>` preselects the salesperson who leaves (from their page).
#[component]
pub fn HandOverPage() -> impl IntoView {
    let action = ServerAction::<HandOverPortfolio>::new();
    let error = action_error(action);
    let query = use_query_map();
    let from = Memo::new(move |_| query.read().get("de").unwrap_or_default());
    let everyone = Resource::new(move || action.version().get(), |_| salespeople());
    view! {
        <Title text=page_title(t::HAND_OVER_PORTFOLIO)/>
        <main id="contenu" class="page narrow">
            <Notice/>
            <Loaded
                resource=no_data()
                render=move |(), actor| {
                    allowed(actor.as_ref().is_some_and(crate::policy::can_change_client_sales_contact))?;
                    Ok(view! {
                        <h1>{t::HAND_OVER_PORTFOLIO}</h1>
                        <p class="help">{t::HAND_OVER_HELP}</p>
                        <ErrorSummary error/>
                        <ActionForm action>
                            <SalesSelect label=t::HAND_OVER_FROM name="from" sales=everyone only_active=false error selected=from.get_untracked()/>
                            <SalesSelect label=t::HAND_OVER_TO name="to" sales=everyone only_active=true error selected=String::new()/>
                            <div class="form-actions">
                                <SubmitButton label=t::HAND_OVER/>
                            </div>
                        </ActionForm>
                    })
                }
            />
        </main>
    }
}

/// A required choice of salesperson (the import's portfolio uses it too).
#[component]
pub fn SalesSelect(
    label: &'static str,
    name: &'static str,
    sales: Resource<Result<Vec<CollaboratorChoice>, AppError>>,
    /// Only active salespeople (who receives a portfolio); else everyone (who leaves).
    only_active: bool,
    #[prop(into)] error: Signal<Option<AppError>>,
    selected: String,
) -> impl IntoView {
    let id = format!("field-{name}");
    view! {
        <div class="field">
            <label for=id.clone()>{label} <span class="required" aria-hidden="true">" *"</span></label>
            <select id=id name=name required=true aria-describedby=format!("{name}-error")>
                <option value="">{t::CHOOSE}</option>
                <Transition>
                    {move || {
                        let selected = selected.clone();
                        Suspend::new(async move {
                            sales
                                .await
                                .unwrap_or_default()
                                .into_iter()
                                .filter(|s| s.active || !only_active)
                                .map(|s| {
                                    let id = s.id.to_string();
                                    let is_selected = id == selected;
                                    view! { <option value=id selected=is_selected>{s.label()}</option> }
                                })
                                .collect_view()
                        })
                    }}
                </Transition>
            </select>
            <FieldError error field=name/>
        </div>
    }
}
