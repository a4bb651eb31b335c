//! The sign-in page. A real `<form method="post">`: it works before the WASM loads, and after
//! hydration it submits without a page load.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::api::SignIn;
use crate::components::{ErrorSummary, FieldError, action_error};
use crate::i18n::fr as t;
use crate::ui::islands::PasswordInput;

#[component]
pub fn SignInPage() -> impl IntoView {
    let sign_in = ServerAction::<SignIn>::new();
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    let signed_out = move || query.read().get("deconnecte").is_some();
    let error = action_error(sign_in);

    view! {
        <Title text=format!("{} · {}", t::SIGN_IN_TITLE, t::APP_NAME)/>
        <main id="contenu" class="signin">
            <div class="signin-card">
                <p class="brand">{t::APP_NAME}</p>
                <h1>{t::SIGN_IN_TITLE}</h1>
                <p class="muted">{t::SIGN_IN_INTRO}</p>
                <Show when=signed_out>
                    <p class="notice" role="status">{t::SIGNED_OUT_NOTICE}</p>
                </Show>
                <ErrorSummary error/>
                <ActionForm action=sign_in>
                    <input type="hidden" name="next" value=next/>
                    <div class="field">
                        <label for="email">{t::EMAIL}</label>
                        <input
                            id="email"
                            name="email"
                            type="email"
                            autocomplete="username"
                            maxlength="254"
                            required
                            autofocus
                            aria-invalid=move || error.get().and_then(|e| e.field_message("email").map(|_| "true"))
                            aria-describedby="email-error"
                        />
                        <FieldError error field="email"/>
                    </div>
                    <div class="field">
                        <label for="password">{t::PASSWORD}</label>
                        <PasswordInput invalid=error.get_untracked().is_some_and(|e| e.field_message("password").is_some())/>
                        <FieldError error field="password"/>
                    </div>
                    <button type="submit" class="button-primary">{t::SIGN_IN_SUBMIT}</button>
                </ActionForm>
            </div>
        </main>
    }
}

/// The signed-in collaborator's own page: who they are, and changing their password.
#[component]
pub fn MyAccountPage() -> impl IntoView {
    use super::api::ChangePassword;
    use crate::components::{DepartmentBadge, Field, SubmitButton};
    use crate::ui::detail::Fact;
    use crate::ui::loaded::{Loaded, no_data};
    use crate::ui::status::Notice;

    let action = ServerAction::<ChangePassword>::new();
    let error = action_error(action);
    view! {
        <Title text=crate::ui::page_title(t::MY_ACCOUNT)/>
        <main id="contenu" class="page narrow">
            <Loaded
                resource=no_data()
                render=move |(), actor| {
                    let actor = actor.ok_or(crate::error::AppError::Unauthorized)?;
                    Ok(view! {
                        <Notice/>
                        <h1>{t::MY_ACCOUNT}</h1>
                        <section class="card">
                            <dl class="facts">
                                <Fact term=t::FULL_NAME>{actor.full_name.clone()}</Fact>
                                <Fact term=t::EMAIL>{actor.email.clone()}</Fact>
                                <Fact term=t::DEPARTMENT><DepartmentBadge department=actor.department/></Fact>
                            </dl>
                        </section>
                        <section class="card">
                            <h2>{t::CHANGE_PASSWORD}</h2>
                            <ErrorSummary error/>
                            <ActionForm action>
                                <Field label=t::CURRENT_PASSWORD name="current" prefix="form" kind="password" error required=true autocomplete="current-password"/>
                                <Field label=t::NEW_PASSWORD name="new_password" prefix="form" kind="password" help=t::NEW_PASSWORD_HELP error required=true autocomplete="new-password"/>
                                <Field label=t::CONFIRM_PASSWORD name="confirmation" prefix="form" kind="password" error required=true autocomplete="new-password"/>
                                <SubmitButton label=t::CHANGE_PASSWORD/>
                            </ActionForm>
                        </section>
                        <WorkPhoneCard/>
                        <crate::agenda::pages::CalendarFeedCard/>
                    })
                }
            />
        </main>
    }
}

/// One's own work phone, which the run sheets of one's events show.
#[component]
fn WorkPhoneCard() -> impl IntoView {
    use crate::collaborators::api::{SetMyPhone, my_phone};
    use crate::components::{Field, SubmitButton};

    let action = ServerAction::<SetMyPhone>::new();
    let error = action_error(action);
    let phone = Resource::new(move || action.version().get(), |_| async move { my_phone().await });
    view! {
        <section class="card" id="telephone">
            <h2>{t::WORK_PHONE}</h2>
            <ErrorSummary error/>
            <Suspense fallback=|| ()>
                {move || phone.get().map(|phone| {
                    let initial = phone.ok().flatten().unwrap_or_default();
                    view! {
                        <ActionForm action>
                            <Field label=t::WORK_PHONE name="phone" kind="tel" help=t::WORK_PHONE_HELP error initial autocomplete="tel"/>
                            <SubmitButton label=t::SAVE_PHONE/>
                        </ActionForm>
                    }
                })}
            </Suspense>
        </section>
    }
}
