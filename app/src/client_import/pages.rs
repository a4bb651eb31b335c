//! The import's pages: the upload form, then the preview with a choice per duplicate, which
//! becomes the result once confirmed. Plain forms: they work without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::api::{ConfirmClientImport, get_client_import};
use super::model::{
    Choice, FILE_FIELD, FileRefusal, ImportResult, ImportState, ImportView, SALESPERSON_FIELD, StagedRow,
};
use crate::auth::Department;
use crate::collaborators::api::salespeople;
use crate::components::{ErrorSummary, SubmitButton, action_error};
use crate::domain::datetime::format_datetime;
use crate::error::AppError;
use crate::i18n::fr as t;
use crate::policy;
use crate::routes;
use crate::ui::form_page::FormPage;
use crate::ui::list::DataTable;
use crate::ui::loaded::{Loaded, allowed, id_param, no_data};
use crate::ui::page_title;

/// The upload form; management chooses whose portfolio the clients join. A refused file comes
/// back here (`?erreur=…`) with what to fix.
#[component]
pub fn ClientImportPage() -> impl IntoView {
    let query = use_query_map();
    let refused = Signal::derive(move || {
        let query = query.read();
        FileRefusal::from_query(&|name| query.get(name)).map(|r| AppError::Refused(r.message()))
    });
    view! {
        <FormPage
            title=t::IMPORT_TITLE
            resource=no_data()
            render=move |(), actor| {
                allowed(actor.as_ref().is_some_and(policy::can_import_clients))?;
                let management = actor.as_ref().is_some_and(|a| a.department == Department::Management);
                Ok(view! {
                    <h1>{t::IMPORT_TITLE}</h1>
                    <p class="help">{t::IMPORT_HELP}</p>
                    <ErrorSummary error=refused/>
                    <form method="post" action=routes::CLIENT_IMPORT enctype="multipart/form-data">
                        {management.then(|| {
                            let sales = Resource::new(|| (), |_| salespeople());
                            let no_error = Signal::stored(None::<AppError>);
                            view! {
                                <crate::admin::SalesSelect label=t::IMPORT_FOR_SALES name=SALESPERSON_FIELD sales only_active=true error=no_error selected=String::new()/>
                            }
                        })}
                        <div class="field">
                            <label for="field-fichier">{t::IMPORT_FILE} <span class="required" aria-hidden="true">" *"</span></label>
                            <p class="help" id="fichier-help">{t::IMPORT_HELP_NEXT}</p>
                            <input id="field-fichier" type="file" name=FILE_FIELD accept=".csv,text/csv" required=true aria-describedby="fichier-help"/>
                        </div>
                        <div class="form-actions">
                            <SubmitButton label=t::IMPORT_PREVIEW_BUTTON/>
                            <a href=routes::CLIENTS>{t::CANCEL}</a>
                        </div>
                    </form>
                })
            }
        />
    }
}

/// A staged import: its rows, their errors, a choice per duplicate and the confirmation; once
/// confirmed, what it did.
#[component]
pub fn ClientImportPreviewPage() -> impl IntoView {
    let id = id_param::<super::model::ImportId>();
    let action = ServerAction::<ConfirmClientImport>::new();
    let error = action_error(action);
    let import = Resource::new(
        move || (id.get(), action.version().get()),
        |(id, _)| async move { get_client_import(id?).await },
    );
    view! {
        <Title text=page_title(t::IMPORT_PREVIEW_TITLE)/>
        <main id="contenu" class="page">
            <Loaded resource=import render=move |import, _| Ok(view! { <ImportPreview import action error/> })/>
        </main>
    }
}

#[component]
fn ImportPreview(
    import: ImportView,
    action: ServerAction<ConfirmClientImport>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let again = view! { <p><a href=routes::CLIENT_IMPORT>{t::IMPORT_AGAIN}</a></p> };
    match import.state.clone() {
        ImportState::Done(result) => view! { <ImportDone result/> {again} }.into_any(),
        ImportState::Expired => {
            let expired = Signal::stored(Some(AppError::Refused(t::IMPORT_EXPIRED.to_owned())));
            view! { <h1>{t::IMPORT_PREVIEW_TITLE}</h1> <ErrorSummary error=expired/> {again} }.into_any()
        }
        ImportState::Staged { expires_at } => {
            let (errors, duplicates, ready): (Vec<_>, Vec<_>, Vec<_>) = split(&import.rows);
            let more_ready = import.ready.saturating_sub(ready.len());
            let nothing = import.ready + import.duplicates == 0;
            view! {
                <h1>{t::IMPORT_PREVIEW_TITLE}</h1>
                <p>{t::import_for(&import.sales_contact_name, &import.file_name)}</p>
                <p class="notice" role="status">{t::import_counts(import.total, import.ready, import.duplicates, import.invalid)}</p>
                <p class="help">{t::import_expires(&format_datetime(expires_at))}</p>
                <ErrorSummary error/>
                <ActionForm action>
                    <input type="hidden" name="form[id]" value=import.id.to_string()/>
                    {(!duplicates.is_empty()).then(|| view! { <DuplicateTable rows=duplicates/> })}
                    {(!errors.is_empty()).then(|| view! { <ErrorTable rows=errors/> })}
                    {(!ready.is_empty()).then(|| view! { <ReadyTable rows=ready more=more_ready/> })}
                    <div class="form-actions">
                        {if nothing {
                            view! { <p>{t::IMPORT_NOTHING}</p> }.into_any()
                        } else {
                            view! { <SubmitButton label=t::IMPORT_CONFIRM/> }.into_any()
                        }}
                        <a href=routes::CLIENT_IMPORT>{t::IMPORT_AGAIN}</a>
                    </div>
                </ActionForm>
            }
            .into_any()
        }
    }
}

type Rows = Vec<StagedRow>;

/// The rows with errors, the duplicates, and the new clients.
fn split(rows: &[StagedRow]) -> (Rows, Rows, Rows) {
    let pick = |keep: fn(&StagedRow) -> bool| rows.iter().filter(|r| keep(r)).cloned().collect();
    (pick(|r| !r.is_valid()), pick(|r| r.duplicate().is_some()), pick(StagedRow::is_ready))
}

/// The row's values as the file gave them, with its line: the first cells of every table here.
#[component]
fn RowCells(row: StagedRow) -> impl IntoView {
    let v = row.values;
    view! {
        <td class="nowrap" data-label=t::IMPORT_LINE>{row.line}</td>
        <td>{v.full_name}</td>
        <td data-label=t::EMAIL>{v.email}</td>
        <td class="nowrap" data-label=t::PHONE>{v.phone}</td>
        <td data-label=t::COMPANY>{v.company_name}</td>
    }
}

/// One kind of row in its card: the title, what to do about them, the table.
#[component]
fn RowsCard(
    title: String,
    #[prop(optional)] help: Option<&'static str>,
    /// The headers after the row's own cells.
    last: &'static [&'static str],
    children: Children,
) -> impl IntoView {
    let headers = [t::IMPORT_LINE, t::FULL_NAME, t::EMAIL, t::PHONE, t::COMPANY].iter().chain(last);
    view! {
        <section class="card">
            <h2>{title}</h2>
            {help.map(|text| view! { <p class="help">{text}</p> })}
            <DataTable empty=None>
                <thead>
                    <tr>{headers.map(|label| view! { <th scope="col">{*label}</th> }).collect_view()}</tr>
                </thead>
                <tbody>{children()}</tbody>
            </DataTable>
        </section>
    }
}

fn counted(title: &str, rows: &Rows) -> String {
    format!("{title} · {}", rows.len())
}

#[component]
fn DuplicateTable(rows: Rows) -> impl IntoView {
    view! {
        <RowsCard title=counted(t::IMPORT_DUPLICATES_TITLE, &rows) help=t::IMPORT_DUPLICATES_HELP last=&[t::IMPORT_EXISTING, t::IMPORT_DECISION]>
            {rows.into_iter().map(|row| view! { <DuplicateRow row/> }).collect_view()}
        </RowsCard>
    }
}

#[component]
fn DuplicateRow(row: StagedRow) -> impl IntoView {
    let Some(duplicate) = row.duplicate.clone() else { return ().into_any() };
    let name = format!("form[choices][{}]", Choice::key(row.line));
    let blocked = duplicate.only_skip.clone();
    view! {
        <tr>
            <RowCells row/>
            <td data-label=t::IMPORT_EXISTING>
                <a href=routes::client(duplicate.client_id, None)>{duplicate.full_name}</a>
                " (" {duplicate.by.label()} ")"
                <span class="muted">" " {duplicate.email} " · " {duplicate.company_name} " · " {duplicate.sales_contact_name}</span>
            </td>
            <td class="nowrap" data-label=t::IMPORT_DECISION>
                <label>
                    <input type="radio" name=name.clone() value=Choice::Skip.code() checked=true/>
                    " " {t::IMPORT_SKIP}
                </label>
                " "
                <label>
                    <input type="radio" name=name value=Choice::Update.code() disabled=blocked.is_some()/>
                    " " {t::IMPORT_UPDATE}
                </label>
                {blocked.map(|why| view! { <span class="muted">" " {why}</span> })}
            </td>
        </tr>
    }
    .into_any()
}

#[component]
fn ErrorTable(rows: Rows) -> impl IntoView {
    view! {
        <RowsCard title=counted(t::IMPORT_ERRORS_TITLE, &rows) help=t::IMPORT_ERRORS_HELP last=&[t::IMPORT_ROW_ERRORS]>
            {rows
                .into_iter()
                .map(|row| {
                    let errors: Vec<String> = row.errors.iter().map(|e| e.text()).collect();
                    view! {
                        <tr>
                            <RowCells row/>
                            <td data-label=t::IMPORT_ROW_ERRORS>
                                <ul>{errors.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                            </td>
                        </tr>
                    }
                })
                .collect_view()}
        </RowsCard>
    }
}

#[component]
fn ReadyTable(rows: Rows, more: usize) -> impl IntoView {
    view! {
        <RowsCard title=t::IMPORT_READY_TITLE.to_owned() last=&[]>
            {rows.into_iter().map(|row| view! { <tr><RowCells row/></tr> }).collect_view()}
        </RowsCard>
        {(more > 0).then(|| view! { <p class="muted">{t::import_more_ready(more)}</p> })}
    }
}

#[component]
fn ImportDone(result: ImportResult) -> impl IntoView {
    view! {
        <h1>{t::IMPORT_RESULT_TITLE}</h1>
        <p class="notice" role="status">{t::import_result(result.created, result.updated, result.skipped)}</p>
        {(!result.clients.is_empty()).then(|| view! {
            <section class="card">
                <h2>{t::IMPORT_IMPORTED_CLIENTS}</h2>
                <ul>
                    {result
                        .clients
                        .into_iter()
                        .map(|(id, name)| view! { <li><a href=routes::client(id, None)>{name}</a></li> })
                        .collect_view()}
                </ul>
            </section>
        })}
        <p><a href=routes::CLIENTS>{t::IMPORT_SEE_CLIENTS}</a></p>
    }
}
