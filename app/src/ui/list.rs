//! List page pieces: header with count and primary action, filter chips, search, sortable
//! column headers, pager. Every control is a link or a GET form: it works before hydration
//! and lives in the URL.

use leptos::prelude::*;
use leptos_router::components::Form;

use crate::i18n::fr as t;
use crate::listing::{COUNT_CAP, PAGE_SIZES, Page, Paging, Sort, SortKey};

/// "1 234" with a narrow no-break space, as French writes counts.
pub fn format_count(n: i64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202F}');
        }
        out.push(c);
    }
    out
}

pub fn count_label(total: i64) -> String {
    if total > COUNT_CAP { t::more_than(&format_count(COUNT_CAP)) } else { format_count(total) }
}

#[component]
pub fn ListHeader(
    title: &'static str,
    total: Option<i64>,
    #[prop(default = None)] action: Option<(String, &'static str)>,
    /// "Exporter (CSV)": the same rows as a file.
    #[prop(default = None)]
    export: Option<String>,
    /// Another action, less prominent than `action` ("Importer (CSV)").
    #[prop(default = None)]
    secondary: Option<(String, &'static str)>,
) -> impl IntoView {
    view! {
        <div class="list-header">
            <h1>{title} {total.map(|n| view! { <span class="count">" · " {count_label(n)}</span> })}</h1>
            <div class="actions">
                {export.map(|href| view! { <a class="button-ghost button-link" href=href download>{t::EXPORT_CSV}</a> })}
                {secondary.map(|(href, label)| view! { <a class="button-ghost button-link" href=href>{label}</a> })}
                {action.map(|(href, label)| view! { <a class="button-primary button-link" href=href>{label}</a> })}
            </div>
        </div>
    }
}

/// A quick filter as a toggle chip: a link to the same list with the filter flipped.
/// A list's table in its card, or, when `empty` says why there is nothing, that message instead.
#[component]
pub fn DataTable(empty: Option<&'static str>, children: Children) -> impl IntoView {
    match empty {
        Some(message) => view! { <p class="empty-state">{message}</p> }.into_any(),
        None => view! {
            <div class="table-card">
                <table>{children()}</table>
            </div>
        }
        .into_any(),
    }
}

/// The list's quick filters and search in one bar. On a phone the bar folds into one control
/// ("Filtres", with how many are on) so that the rows come first (style/main.css).
#[component]
pub fn ListFilters(active: usize, children: Children) -> impl IntoView {
    let label = if active == 0 { t::FILTERS.to_owned() } else { format!("{} ({active})", t::FILTERS) };
    view! {
        <details class="filters-fold">
            <summary class="button-ghost">{label}</summary>
            <div class="filters">{children()}</div>
        </details>
    }
}

/// How many of a list's filters are on, for `ListFilters`.
pub fn active_filters(on: &[bool]) -> usize {
    on.iter().filter(|&&on| on).count()
}

#[component]
pub fn FilterChip(#[prop(into)] label: String, href: String, active: bool) -> impl IntoView {
    view! {
        <a class="chip" class:chip-active=active href=href aria-pressed=active.to_string()>
            {label}
        </a>
    }
}

/// The search box: a GET form that keeps the list's other parameters as hidden fields.
#[component]
pub fn SearchForm(
    action: &'static str,
    search: Option<String>,
    keep: Vec<(&'static str, String)>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <Form method="GET" action=action attr:class="search-form" attr:role="search">
            {keep.into_iter().map(|(name, value)| view! { <input type="hidden" name=name value=value/> }).collect_view()}
            <label class="visually-hidden" for="q">{t::SEARCH}</label>
            <input id="q" type="search" name="q" value=search.unwrap_or_default() placeholder=t::SEARCH_PLACEHOLDER maxlength="100"/>
            {children.map(|extra| extra())}
            <button type="submit" class="button-ghost">{t::SEARCH}</button>
        </Form>
    }
}

/// A column header that sorts the list; `aria-sort` tells assistive technology the state.
#[component]
pub fn SortHeader<S: SortKey>(
    label: &'static str,
    key: S,
    current: Sort<S>,
    href: impl Fn(Sort<S>) -> String + 'static,
    #[prop(optional)] numeric: bool,
) -> impl IntoView {
    let active = current.key == key;
    let aria = match (active, current.descending) {
        (false, _) => "none",
        (true, false) => "ascending",
        (true, true) => "descending",
    };
    let arrow = match (active, current.descending) {
        (false, _) => "",
        (true, false) => " ▲",
        (true, true) => " ▼",
    };
    view! {
        <th scope="col" aria-sort=aria class:numeric=numeric>
            <a href=href(current.toggled(key))>{label}{arrow}</a>
        </th>
    }
}

/// "1–25 sur 1 234", page size, previous / next.
#[component]
pub fn Pager<T: Send + Sync + 'static>(
    page: Page<T>,
    href: impl Fn(Paging) -> String + 'static,
    action: &'static str,
    keep: Vec<(&'static str, String)>,
) -> impl IntoView {
    let Paging { page: number, size } = page.paging;
    let first = i64::from(number - 1) * i64::from(size) + 1;
    let last = (first + page.items.len() as i64 - 1).max(0);
    let range = if page.items.is_empty() {
        String::new()
    } else {
        t::page_range(&format_count(first), &format_count(last), &count_label(page.total))
    };
    let prev = (number > 1).then(|| href(Paging { page: number - 1, size }));
    let next = page.has_next().then(|| href(Paging { page: number + 1, size }));
    view! {
        <nav class="pager" aria-label=t::PAGINATION>
            <span class="pager-range">{range}</span>
            <Form method="GET" action=action attr:class="pager-size">
                {keep.into_iter().map(|(name, value)| view! { <input type="hidden" name=name value=value/> }).collect_view()}
                <label for="size">{t::PAGE_SIZE}</label>
                <select id="size" name="size">
                    {PAGE_SIZES
                        .iter()
                        .map(|&s| view! { <option value=s.to_string() selected=s == size>{s}</option> })
                        .collect_view()}
                </select>
                <button type="submit" class="button-ghost">{t::APPLY}</button>
            </Form>
            {match prev {
                Some(href) => view! { <a class="button-ghost button-link" href=href rel="prev">{t::PREVIOUS}</a> }.into_any(),
                None => view! { <span class="button-ghost button-link disabled" aria-disabled="true">{t::PREVIOUS}</span> }.into_any(),
            }}
            {match next {
                Some(href) => view! { <a class="button-ghost button-link" href=href rel="next">{t::NEXT}</a> }.into_any(),
                None => view! { <span class="button-ghost button-link disabled" aria-disabled="true">{t::NEXT}</span> }.into_any(),
            }}
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(format_count(0), "0");
        assert_eq!(format_count(999), "999");
        assert_eq!(format_count(1234), "1\u{202F}234");
        assert_eq!(format_count(1_000_000), "1\u{202F}000\u{202F}000");
        assert_eq!(count_label(1_001), "plus de 1\u{202F}000");
    }
}
