//! The WASM entry point: hydrates the islands of the server-rendered page (`app::ui::islands`).

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // Links the app crate, whose islands are the exports `hydrate_islands` looks for.
    #[allow(unused_imports)]
    use app::*;
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    // Tells tests (and curious humans) that the WASM really took over.
    if let Some(body) = leptos::prelude::document().body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
