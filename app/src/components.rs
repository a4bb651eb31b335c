//! Small building blocks shared by pages.

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::fr as t;

/// The error of a server action's last attempt, for its form's summary and fields.
pub fn action_error<S>(action: ServerAction<S>) -> Signal<Option<AppError>>
where
    S: leptos::server_fn::ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    Signal::derive(move || action.value().get().and_then(Result::err))
}

/// The error of a form, summarised at its top for screen readers and sighted users alike.
#[component]
pub fn ErrorSummary(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    move || {
        error.get().map(|error| match error {
            AppError::Validation { errors: fields, .. } => view! {
                <div class="alert" role="alert">
                    <p>{t::FORM_HAS_ERRORS}</p>
                    <ul>{fields.into_values().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                </div>
            }
            .into_any(),
            other => view! { <div class="alert" role="alert"><p>{other.to_string()}</p></div> }.into_any(),
        })
    }
}

/// The message for one field, under it; its id is `{field}-error` for `aria-describedby`.
#[component]
pub fn FieldError(#[prop(into)] error: Signal<Option<AppError>>, field: &'static str) -> impl IntoView {
    let message = move || error.get().and_then(|e| e.field_message(field).map(str::to_owned));
    view! {
        <p class="field-error" id=format!("{field}-error")>{message}</p>
    }
}

/// The department as a badge, with its text (never colour alone).
#[component]
pub fn DepartmentBadge(department: crate::auth::Department) -> impl IntoView {
    view! { <span class=format!("badge badge-{}", department.code())>{department.label()}</span> }
}

/// A labelled form field with its server error underneath and, after a failed post, the value
/// the user typed. `name` is the field's key in errors; the input is named `{prefix}[{name}]`
/// (Leptos's encoding of a struct argument) or just `name` without a prefix.
#[component]
pub fn Field(
    label: &'static str,
    name: &'static str,
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(optional, into)] initial: String,
    #[prop(optional)] prefix: Option<&'static str>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] help: Option<&'static str>,
    #[prop(optional)] multiline: bool,
    #[prop(optional)] required: bool,
    #[prop(optional)] autocomplete: Option<&'static str>,
    /// Shown and sent, but not editable (a field the rules keep for this user).
    #[prop(optional)]
    readonly: bool,
) -> impl IntoView {
    let input_name = match prefix {
        Some(prefix) => format!("{prefix}[{name}]"),
        None => name.to_owned(),
    };
    let id = format!("field-{name}");
    let help_id = format!("{name}-help");
    let value =
        move || error.get().and_then(|e| e.submitted(name).map(str::to_owned)).unwrap_or_else(|| initial.clone());
    let invalid = move || error.get().and_then(|e| e.field_message(name).map(|_| "true"));
    let described = format!("{name}-error{}", if help.is_some() { format!(" {help_id}") } else { String::new() });
    let control = if multiline {
        view! {
            <textarea id=id.clone() name=input_name rows="5" readonly=readonly aria-invalid=invalid aria-describedby=described>
                {value}
            </textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id=id.clone()
                name=input_name
                type=kind
                value=value
                required=required
                readonly=readonly
                autocomplete=autocomplete
                aria-invalid=invalid
                aria-describedby=described
            />
        }
        .into_any()
    };
    view! {
        <div class="field">
            <label for=id>{label} {required.then_some(view! { <span class="required" aria-hidden="true">" *"</span> })}</label>
            {help.map(|text| view! { <p class="help" id=help_id>{text}</p> })}
            {control}
            <FieldError error field=name/>
        </div>
    }
}

/// A select named `form[{name}]` whose choice survives a refused post; `initial` is chosen
/// otherwise (the value being edited).
#[component]
pub fn Choice(
    label: &'static str,
    name: &'static str,
    options: Vec<(&'static str, &'static str)>,
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(optional_no_strip)] initial: Option<String>,
) -> impl IntoView {
    let chosen = error.get_untracked().and_then(|e| e.submitted(name).map(str::to_owned)).or(initial);
    view! {
        <div class="field">
            <label for=format!("field-{name}")>{label}</label>
            <select id=format!("field-{name}") name=format!("form[{name}]") aria-describedby=format!("{name}-error")>
                {options
                    .into_iter()
                    .map(|(value, text)| view! { <option value=value selected=chosen.as_deref() == Some(value)>{text}</option> })
                    .collect_view()}
            </select>
            <FieldError error field=name/>
        </div>
    }
}

/// A form's submit button (forms post without JavaScript: pages are not hydrated).
#[component]
pub fn SubmitButton(label: &'static str, #[prop(optional)] class: Option<&'static str>) -> impl IntoView {
    view! {
        <button type="submit" class=class.unwrap_or("button-primary")>
            {label}
        </button>
    }
}

/// The hidden fields every edit form sends: which record, at which version it was loaded.
#[component]
pub fn RecordVersion(id: String, version: i32) -> impl IntoView {
    view! {
        <input type="hidden" name="id" value=id/>
        <input type="hidden" name="version" value=version/>
    }
}

/// The hidden key of a creation form (see `crate::idempotency`). Made once per page, so that the
/// same creation sent again (after a lost answer, a double click) is not made twice.
#[component]
pub fn IdempotencyField(value: String) -> impl IntoView {
    view! { <input type="hidden" name=crate::idempotency::FIELD value=value/> }
}

/// Save and cancel, at the bottom of a form.
#[component]
pub fn FormActions(cancel: String) -> impl IntoView {
    view! {
        <div class="form-actions">
            <SubmitButton label=t::SAVE/>
            <a href=cancel>{t::CANCEL}</a>
        </div>
    }
}
