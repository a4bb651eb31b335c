//! RGPD pages: the card on a client's page, the anonymisation confirmation, the retention list
//! and the processing register.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::api::{AnonymiseClient, AnonymiseClients, get_anonymisation_preview, retention_list};
use super::model::{AnonymisationPreview, RETENTION_YEARS, RetentionPage, RetentionQuery, RetentionRow};
use crate::auth::Actor;
use crate::clients::model::ClientRow;
use crate::components::{ErrorSummary, FieldError, SubmitButton, action_error};
use crate::domain::ClientId;
use crate::domain::datetime::format_date;
use crate::i18n::fr as t;
use crate::policy;
use crate::routes;
use crate::ui::form_page::FormPage;
use crate::ui::list::{ListHeader, Pager};
use crate::ui::loaded::{Loaded, allowed, id_param};
use crate::ui::page_title;
use crate::ui::status::Notice;

/// On a client's page, for management: download the client's data, or anonymise the client.
#[component]
pub fn ClientRgpdCard(client: ClientRow, actor: Option<Actor>) -> impl IntoView {
    if !actor.as_ref().is_some_and(policy::can_handle_personal_data_requests) {
        return None;
    }
    let export = routes::client_export(client.id);
    let anonymise = routes::anonymise_client(client.id);
    Some(view! {
        <section class="card">
            <h2>{t::RGPD_CARD_TITLE}</h2>
            {client.anonymised.then(|| view! { <p><span class="badge badge-warn">{t::RGPD_ANONYMISED}</span></p> })}
            <div class="actions">
                <form method="post" action=export>
                    <button type="submit" class="button-ghost">{t::RGPD_EXPORT}</button>
                </form>
                {(!client.anonymised).then(|| view! {
                    <a class="button-ghost button-link danger-link" href=anonymise>{t::RGPD_ANONYMISE}</a>
                })}
            </div>
        </section>
    })
}

#[component]
pub fn AnonymiseClientPage() -> impl IntoView {
    let id = id_param::<ClientId>();
    let action = ServerAction::<AnonymiseClient>::new();
    let error = action_error(action);
    let preview = Resource::new(move || id.get(), |id| async move { get_anonymisation_preview(id?).await });
    view! {
        <FormPage
            title=t::RGPD_ANONYMISE_TITLE
            resource=preview
            render=move |preview: AnonymisationPreview, actor| {
                allowed(actor.as_ref().is_some_and(policy::can_handle_personal_data_requests))?;
                Ok(view! { <AnonymiseConfirmation preview action error/> })
            }
        />
    }
}

#[component]
fn AnonymiseConfirmation(
    preview: AnonymisationPreview,
    action: ServerAction<AnonymiseClient>,
    error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let AnonymisationPreview { client, contracts, events, events_with_notes, audit_records } = preview;
    let back = routes::client(client.id, None);
    if client.anonymised {
        return view! {
            <h1>{t::RGPD_ANONYMISE_TITLE}</h1>
            <p class="empty-state">{t::RGPD_ALREADY_ANONYMISED}</p>
            <p><a href=back>{t::RGPD_BACK_TO_CLIENT}</a></p>
        }
        .into_any();
    }
    let id = client.id.to_string();
    view! {
        <p class="eyebrow">{t::CLIENT}</p>
        <h1>{t::RGPD_ANONYMISE_TITLE} " : " {client.full_name.clone()}</h1>
        <ErrorSummary error/>
        <section class="card">
            <h2>{t::RGPD_WHAT_CHANGES}</h2>
            <ul class="consequences">
                <li>{t::rgpd_replaced(&client.full_name, &client.email, &client.phone_display(), &client.company_name)}</li>
                <li>{t::rgpd_events_cleared(events, events_with_notes)}</li>
                <li>{t::rgpd_audit_scrubbed(audit_records)}</li>
                <li>{t::rgpd_kept(contracts)}</li>
                <li><strong>{t::RGPD_IRREVERSIBLE}</strong></li>
            </ul>
        </section>
        <ActionForm action>
            <input type="hidden" name="id" value=id/>
            <div class="field checkbox">
                <input type="checkbox" id="confirm" name="confirm" required=true/>
                <label for="confirm">{t::RGPD_CONFIRM_LABEL}</label>
                <FieldError error field="confirm"/>
            </div>
            <div class="form-actions">
                <SubmitButton label=t::RGPD_ANONYMISE_BUTTON class="button-danger"/>
                <a href=back>{t::CANCEL}</a>
            </div>
        </ActionForm>
    }
    .into_any()
}

#[component]
pub fn RetentionListPage() -> impl IntoView {
    let selected = ServerAction::<AnonymiseClients>::new();
    let everything = ServerAction::<AnonymiseClients>::new();
    let params = use_query_map();
    let query = Memo::new(move |_| {
        let params = params.read();
        RetentionQuery::from_params(&|name| params.get(name))
    });
    // Refetched after each bulk action: the redirect keeps the list's own parameters.
    let page = Resource::new(
        move || (query.get(), selected.version().get(), everything.version().get()),
        |(query, ..)| async move {
            let query = query?;
            Ok((query, retention_list(query).await?))
        },
    );
    view! {
        <Title text=page_title(t::RGPD_RETENTION_TITLE)/>
        <main id="contenu" class="page">
            <Loaded
                resource=page
                reset_href=routes::RGPD_RETENTION
                render=move |(_, page): (RetentionQuery, RetentionPage), actor| {
                    allowed(actor.as_ref().is_some_and(policy::can_handle_personal_data_requests))?;
                    Ok(view! { <RetentionList page selected everything/> })
                }
            />
        </main>
    }
}

#[component]
fn RetentionList(
    page: RetentionPage,
    selected: ServerAction<AnonymiseClients>,
    everything: ServerAction<AnonymiseClients>,
) -> impl IntoView {
    let (selected_error, everything_error) = (action_error(selected), action_error(everything));
    let rows = page.items.clone();
    let empty = rows.is_empty();
    let total = page.total;
    let href = move |paging| RetentionQuery { paging }.to_url();
    view! {
        <Notice/>
        <ListHeader title=t::RGPD_RETENTION_TITLE total=Some(total)/>
        <p>{t::rgpd_retention_intro(RETENTION_YEARS)} " " <a href=routes::RGPD_PROCESSING>{t::RGPD_PROCESSING_TITLE}</a></p>
        {if empty {
            view! { <p class="empty-state">{t::RGPD_RETENTION_EMPTY}</p> }.into_any()
        } else {
            view! {
                <ErrorSummary error=selected_error/>
                <ActionForm action=selected>
                    <div class="table-card">
                        <table>
                            <thead>
                                <tr>
                                    <th scope="col"><span class="visually-hidden">{t::RGPD_SELECT}</span></th>
                                    <th scope="col">{t::FULL_NAME}</th>
                                    <th scope="col">{t::COMPANY}</th>
                                    <th scope="col">{t::RGPD_STATUS}</th>
                                    <th scope="col">{t::LAST_CONTACT}</th>
                                </tr>
                            </thead>
                            <tbody>{rows.into_iter().map(|row| view! { <RetentionTableRow row/> }).collect_view()}</tbody>
                        </table>
                    </div>
                    <div class="field checkbox">
                        <input type="checkbox" id="confirm-selected" name="confirm" required=true/>
                        <label for="confirm-selected">{t::RGPD_CONFIRM_LABEL_MANY}</label>
                    </div>
                    <SubmitButton label=t::RGPD_ANONYMISE_SELECTED class="button-danger"/>
                </ActionForm>
                <Pager page href action=routes::RGPD_RETENTION keep=Vec::new()/>
                <section class="card">
                    <h2>{t::RGPD_ANONYMISE_ALL_TITLE}</h2>
                    <ErrorSummary error=everything_error/>
                    <ActionForm action=everything>
                        <input type="hidden" name="all" value="1"/>
                        <div class="field checkbox">
                            <input type="checkbox" id="confirm-all" name="confirm" required=true/>
                            <label for="confirm-all">{t::rgpd_confirm_all(&crate::ui::list::count_label(total))}</label>
                        </div>
                        <SubmitButton label=t::RGPD_ANONYMISE_ALL class="button-danger"/>
                    </ActionForm>
                </section>
            }
            .into_any()
        }}
    }
}

#[component]
fn RetentionTableRow(row: RetentionRow) -> impl IntoView {
    let checkbox_id = format!("select-{}", row.id);
    let label = format!("{} {}", t::RGPD_SELECT, row.full_name);
    view! {
        <tr>
            <td>
                <input type="checkbox" id=checkbox_id name="ids[]" value=row.id.to_string() aria-label=label/>
            </td>
            <td><a href=routes::client(row.id, None)>{row.full_name.clone()}</a></td>
            <td>{row.company_name.clone()}</td>
            <td>
                {if row.is_prospect {
                    view! { <span class="badge badge-warn">{t::PROSPECT}</span> }.into_any()
                } else {
                    view! { <span class="badge badge-ok">{t::CLIENT}</span> }.into_any()
                }}
            </td>
            <td class="nowrap">{format_date(row.last_contact)}</td>
        </tr>
    }
}

/// The register of processing activities, in short, for every collaborator.
#[component]
pub fn ProcessingPage() -> impl IntoView {
    view! {
        <Title text=page_title(t::RGPD_PROCESSING_TITLE)/>
        <main id="contenu" class="page narrow prose">
            <h1>{t::RGPD_PROCESSING_TITLE}</h1>
            <p>{t::PROCESSING_INTRO}</p>
            {t::PROCESSING_SECTIONS
                .iter()
                .map(|(title, items)| {
                    view! {
                        <section class="card">
                            <h2>{*title}</h2>
                            <ul>{items.iter().map(|item| view! { <li>{*item}</li> }).collect_view()}</ul>
                        </section>
                    }
                })
                .collect_view()}
        </main>
    }
}
