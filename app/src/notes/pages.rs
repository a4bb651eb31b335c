//! A record's timeline (its notes and its history, newest first), the "add a note" form and the
//! page where a note's author corrects or deletes it.

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use super::api::{AddNote, DeleteNote, UpdateNote, get_note};
use super::model::{NoteAt, NoteKind, NoteList, NoteRow};
use crate::audit::model::AuditEntry;
use crate::auth::Actor;
use crate::components::{ErrorSummary, Field, FieldError, RecordVersion, SubmitButton, action_error};
use crate::domain::NoteId;
use crate::domain::datetime::format_datetime;
use crate::error::AppError;
use crate::i18n::fr as t;
use crate::policy;
use crate::records::{RecordOwners, RecordRef};
use crate::routes;
use crate::ui::confirm::ConfirmButtons;
use crate::ui::detail::{Composer, HistoryEntry, RecordFields};
use crate::ui::form_page::{FormPage, RecordForm};
use crate::ui::loaded::id_param;

/// The record's card of notes and history: the form to add a note when the rules allow it,
/// then every note and every recorded change, newest first.
#[component]
pub fn Timeline(
    record: RecordRef,
    owners: RecordOwners,
    notes: NoteList,
    history: Vec<AuditEntry>,
    actor: Option<Actor>,
) -> impl IntoView {
    let can_write = actor.as_ref().is_some_and(|a| policy::can_write_on_record(a, &owners));
    let as_of = notes.as_of;
    let mut items: Vec<(DateTime<Utc>, AnyView)> = notes
        .items
        .into_iter()
        .map(|note| (note.created_at, view! { <NoteItem note record actor=actor.clone() as_of/> }.into_any()))
        .chain(history.into_iter().map(|entry| (entry.at, view! { <HistoryEntry entry/> }.into_any())))
        .collect();
    // Stable: a note and a change made in the same instant keep notes first.
    items.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
    let empty = items.is_empty();
    view! {
        <section class="card" id="notes">
            <h2>{t::TIMELINE}</h2>
            {can_write.then(|| view! { <NoteComposer record/> })}
            {empty.then(|| view! { <p class="muted">{t::NO_TIMELINE}</p> })}
            <ol class="timeline">{items.into_iter().map(|(_, item)| item).collect_view()}</ol>
        </section>
    }
}

/// One note: kind, author and time, the text, and where it was written when that is another
/// record than the page's (a client's page shows its events' notes too).
#[component]
fn NoteItem(note: NoteRow, record: RecordRef, actor: Option<Actor>, as_of: DateTime<Utc>) -> impl IntoView {
    let who = note.author_name.clone().unwrap_or_else(|| t::SOMEONE.to_owned());
    let can_change = actor.as_ref().is_some_and(|a| policy::can_delete_note(a, note.author_id, note.created_at, as_of));
    let elsewhere = (note.record() != record).then(|| {
        let label = match note.record() {
            RecordRef::Event(_) => t::NOTE_ON_EVENT,
            _ => t::NOTE_ON_CONTRACT,
        };
        view! { " · " <a href=note.record().path()>{label}</a> }
    });
    view! {
        <li class="note">
            <p>
                <span class=format!("badge badge-note-{}", note.kind.code())>{note.kind.label()}</span> " "
                <strong>{who}</strong>
                <span class="muted">" · " {format_datetime(note.created_at)}</span>
                {elsewhere}
                {can_change.then(|| view! { " · " <a href=routes::edit_note(note.id)>{t::EDIT_NOTE}</a> })}
            </p>
            <p class="note-body">{note.body.clone()}</p>
        </li>
    }
}

/// The kind of a note, as a `<select>`; after a refused post, the kind that was chosen.
#[component]
fn NoteKindSelect(#[prop(into)] error: Signal<Option<AppError>>, selected: NoteKind) -> impl IntoView {
    let field = "kind";
    let selected = error
        .get_untracked()
        .and_then(|e| e.submitted(field).and_then(|code| NoteKind::parse(code).ok()))
        .unwrap_or(selected);
    view! {
        <div class="field">
            <label for="field-kind">{t::NOTE_KIND}</label>
            <select id="field-kind" name="form[kind]" aria-describedby="kind-error">
                {NoteKind::ALL
                    .into_iter()
                    .map(|kind| view! { <option value=kind.code() selected=kind == selected>{kind.label()}</option> })
                    .collect_view()}
            </select>
            <FieldError error field/>
        </div>
    }
}

#[component]
fn NoteFields(error: Signal<Option<AppError>>, note: Option<NoteRow>) -> impl IntoView {
    let kind = note.as_ref().map_or(NoteKind::Call, |n| n.kind);
    let body = note.map(|n| n.body).unwrap_or_default();
    view! {
        <NoteKindSelect error selected=kind/>
        <Field label=t::NOTE_BODY name="body" prefix="form" multiline=true help=t::NOTE_BODY_HELP error initial=body required=true/>
    }
}

#[component]
fn NoteComposer(record: RecordRef) -> impl IntoView {
    let action = ServerAction::<AddNote>::new();
    let error = action_error(action);
    view! {
        <Composer label=t::ADD_NOTE error>
            <ActionForm action>
                <RecordFields record/>
                <NoteFields error note=None/>
                <SubmitButton label=t::SAVE_NOTE/>
            </ActionForm>
        </Composer>
    }
}

/// `/notes/:id/modifier`: the author corrects the note or deletes it (management deletes any).
#[component]
pub fn NoteEditPage() -> impl IntoView {
    let id = id_param::<NoteId>();
    let update = ServerAction::<UpdateNote>::new();
    let delete = ServerAction::<DeleteNote>::new();
    let error = action_error(update);
    let delete_error = action_error(delete);
    let note = Resource::new(move || (id.get(), update.version().get()), |(id, _)| async move { get_note(id?).await });
    view! {
        <FormPage
            title=t::EDIT_NOTE
            resource=note
            render=move |NoteAt { note, as_of }, actor| {
                let actor = actor.ok_or(AppError::Unauthorized)?;
                let can_edit = policy::can_change_note(&actor, note.author_id, note.created_at, as_of);
                let can_delete = policy::can_delete_note(&actor, note.author_id, note.created_at, as_of);
                if !can_delete {
                    return Err(AppError::Refused(t::NOTE_CHANGE_CLOSED.to_owned()));
                }
                let cancel = note.record().path();
                let id = note.id.to_string();
                Ok(view! {
                    <h1>{t::EDIT_NOTE}</h1>
                    <p class="muted">{format_datetime(note.created_at)}</p>
                    {can_edit.then(|| {
                        let note = note.clone();
                        view! {
                            <RecordForm action=update error cancel=cancel.clone()>
                                <RecordVersion id=note.id.to_string() version=note.version/>
                                <NoteFields error note=Some(note)/>
                            </RecordForm>
                        }
                    })}
                    <section class="card">
                        <h2>{t::DELETE_NOTE}</h2>
                        {(!can_edit).then(|| view! { <p class="note-body">{note.body.clone()}</p> })}
                        <ErrorSummary error=delete_error/>
                        <ActionForm action=delete>
                            <input type="hidden" name="id" value=id/>
                            <ConfirmButtons label=t::DELETE_NOTE cancel/>
                        </ActionForm>
                    </section>
                })
            }
        />
    }
}
