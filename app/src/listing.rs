//! What every list page shares: paging, sorting, search, yes/no filters — parsed from the URL
//! (so that lists are shareable and the back button works), or from the REST API's query by
//! the same parser, and refused clearly when malformed.

use serde::{Deserialize, Serialize};

use crate::error::{AppError, FieldErrors};
use crate::i18n::fr as t;

pub const PAGE_SIZES: [u32; 3] = [25, 50, 100];
pub const DEFAULT_PAGE_SIZE: u32 = 25;
/// The largest page the REST API serves.
pub const API_MAX_PAGE_SIZE: u32 = 100;
/// Deep pages cost the database more than anyone reads: past this many rows (twice the counted
/// ones), search or filter.
pub const MAX_REACHABLE_ROWS: u32 = 2_000;
pub const MAX_SEARCH_CHARS: usize = 100;
/// Counting stops here: "plus de 1 000" is as useful as an exact figure and ten times cheaper
/// than counting on (see scripts/bench).
pub const COUNT_CAP: i64 = 1_000;

/// Who reads a list's parameters: a list page, from its URL, or the REST API. One parser per
/// list reads both; each surface names the search, the page size and some filters its own way,
/// and serves its own page sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Surface {
    Page,
    Api,
}

impl Surface {
    /// The name of a parameter the two surfaces call differently.
    pub fn name(self, page: &'static str, api: &'static str) -> &'static str {
        match self {
            Surface::Page => page,
            Surface::Api => api,
        }
    }
}

/// A column a list can be sorted by.
pub trait SortKey: Copy + PartialEq + Default + 'static {
    const ALL: &'static [Self];
    /// The column's name in the page's URL.
    fn code(self) -> &'static str;
    /// The column's name in the REST API (a field of its records), when the API sorts by it.
    fn api_name(self) -> Option<&'static str> {
        None
    }
    /// The column's name on `surface`, when it sorts by it there.
    fn name(self, surface: Surface) -> Option<&'static str> {
        match surface {
            Surface::Page => Some(self.code()),
            Surface::Api => self.api_name(),
        }
    }
    /// Whether the first click sorts this column descending (dates, amounts).
    fn descending_first(self) -> bool {
        false
    }
}

/// A page of a list. Deserialising one checks it like the URL parser does, so a server function
/// given `{page, size}` directly cannot ask for every row or for a page beyond reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawPaging")]
pub struct Paging {
    pub page: u32,
    pub size: u32,
}

#[derive(Deserialize)]
struct RawPaging {
    page: u32,
    size: u32,
}

impl TryFrom<RawPaging> for Paging {
    type Error = &'static str;

    fn try_from(raw: RawPaging) -> Result<Self, Self::Error> {
        Paging::checked(raw.page, raw.size).map_err(|(_, message)| message)
    }
}

impl Default for Paging {
    fn default() -> Self {
        Paging { page: 1, size: DEFAULT_PAGE_SIZE }
    }
}

impl Paging {
    /// Any page the server serves: from 1, at most `API_MAX_PAGE_SIZE` rows, starting within
    /// the first `MAX_REACHABLE_ROWS`. A refusal names the field at fault and says why.
    pub fn checked(page: u32, size: u32) -> Result<Paging, (&'static str, &'static str)> {
        if page == 0 {
            return Err(("page", t::PAGE_INVALID));
        }
        if !(1..=API_MAX_PAGE_SIZE).contains(&size) {
            return Err(("size", t::API_PAGE_SIZE_INVALID));
        }
        let paging = Paging { page, size };
        if paging.offset() >= i64::from(MAX_REACHABLE_ROWS) {
            return Err(("page", t::PAGE_TOO_FAR));
        }
        Ok(paging)
    }

    /// The rows before this page; saturating, so even an unchecked page cannot overflow.
    pub fn offset(self) -> i64 {
        i64::from(self.page.saturating_sub(1)).saturating_mul(i64::from(self.size))
    }
}

/// A search as typed: white space folded, at most `MAX_SEARCH_CHARS` characters, no control
/// characters. `None` for an empty search.
pub fn search_text(raw: &str) -> Result<Option<String>, &'static str> {
    let q = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if q.chars().count() > MAX_SEARCH_CHARS {
        return Err(t::SEARCH_TOO_LONG);
    }
    if q.chars().any(char::is_control) {
        return Err(t::SEARCH_INVALID);
    }
    Ok((!q.is_empty()).then_some(q))
}

/// `#[serde(deserialize_with)]` for a query's search: the same rules as the URL parser's.
pub fn deserialize_search<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    let raw = Option::<String>::deserialize(deserializer)?;
    match raw {
        None => Ok(None),
        Some(raw) => search_text(&raw).map_err(serde::de::Error::custom),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sort<S> {
    pub key: S,
    pub descending: bool,
}

impl<S: SortKey> Default for Sort<S> {
    fn default() -> Self {
        Sort { key: S::default(), descending: S::default().descending_first() }
    }
}

impl<S: SortKey> Sort<S> {
    /// Where a click on `key`'s column header leads: the other direction if it is the current
    /// sort, else that column in its natural direction.
    pub fn toggled(self, key: S) -> Self {
        if self.key == key {
            Sort { key, descending: !self.descending }
        } else {
            Sort { key, descending: key.descending_first() }
        }
    }
}

/// One page of a list, with the total (capped at `COUNT_CAP`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
    pub paging: Paging,
}

impl<T> Page<T> {
    pub fn total_is_capped(&self) -> bool {
        self.total > COUNT_CAP
    }

    pub fn has_next(&self) -> bool {
        i64::from(self.paging.page) * i64::from(self.paging.size) < self.total
    }
}

/// Reads a list's parameters one by one, as `surface` names them, collecting every problem
/// (under the name the surface gave) before failing.
pub struct ParamReader<'a> {
    get: &'a dyn Fn(&str) -> Option<String>,
    surface: Surface,
    errors: FieldErrors,
}

impl<'a> ParamReader<'a> {
    /// A list page's URL.
    pub fn new(get: &'a dyn Fn(&str) -> Option<String>) -> Self {
        ParamReader::on(get, Surface::Page)
    }

    /// The parameters as `surface` names them.
    pub fn on(get: &'a dyn Fn(&str) -> Option<String>, surface: Surface) -> Self {
        ParamReader { get, surface, errors: FieldErrors::new() }
    }

    fn value(&self, name: &str) -> Option<String> {
        (self.get)(name).filter(|v| !v.trim().is_empty())
    }

    fn fail(&mut self, name: &str, message: &str) {
        self.errors.insert(name.to_owned(), message.to_owned());
    }

    /// `page` and the page size: `size` among the page's choices, or the API's `page_size`
    /// from 1 to `API_MAX_PAGE_SIZE`.
    pub fn paging(&mut self) -> Paging {
        match self.surface {
            Surface::Page => self.paging_sized("size", |size| PAGE_SIZES.contains(&size), t::PAGE_SIZE_INVALID),
            Surface::Api => self.paging_sized("page_size", |_| true, t::API_PAGE_SIZE_INVALID),
        }
    }

    /// `page` and the size parameter `size_name`, checked by `Paging::checked` and, for the
    /// size, by the surface's own list of choices (`allowed`).
    fn paging_sized(&mut self, size_name: &str, allowed: impl Fn(u32) -> bool, size_message: &str) -> Paging {
        let mut page = 1;
        let mut size = DEFAULT_PAGE_SIZE;
        if let Some(raw) = self.value("page") {
            match raw.trim().parse::<u32>() {
                Ok(value) if value >= 1 => page = value,
                _ => self.fail("page", t::PAGE_INVALID),
            }
        }
        if let Some(raw) = self.value(size_name) {
            match raw.trim().parse::<u32>() {
                Ok(value) if allowed(value) && (1..=API_MAX_PAGE_SIZE).contains(&value) => size = value,
                _ => self.fail(size_name, size_message),
            }
        }
        match Paging::checked(page, size) {
            Ok(paging) => paging,
            Err((field, message)) => {
                self.fail(if field == "size" { size_name } else { field }, message);
                Paging::default()
            }
        }
    }

    /// `sort=name` ascending, `sort=-name` descending, by the surface's names of the columns.
    /// The API documents its sorts as a list of values, none of them empty: there an empty
    /// `sort` is refused, where a page's empty one (from a GET form) is the default.
    pub fn sort<S: SortKey>(&mut self) -> Sort<S> {
        let default = Sort::default();
        let raw = match self.surface {
            Surface::Page => self.value("sort"),
            Surface::Api => (self.get)("sort"),
        };
        let Some(raw) = raw else {
            return default;
        };
        let raw = raw.trim();
        let (descending, name) = raw.strip_prefix('-').map_or((false, raw), |name| (true, name));
        match S::ALL.iter().find(|k| k.name(self.surface) == Some(name)) {
            Some(&key) => Sort { key, descending },
            None => {
                self.fail("sort", t::SORT_UNKNOWN);
                default
            }
        }
    }

    /// The search text: `q` in a page's URL, `search` in the API.
    pub fn search(&mut self) -> Option<String> {
        let name = self.surface.name("q", "search");
        let raw = self.value(name)?;
        match search_text(&raw) {
            Ok(q) => q,
            Err(message) => {
                self.fail(name, message);
                None
            }
        }
    }

    /// A yes/no filter: absent, `1` or `true`.
    pub fn flag(&mut self, name: &str) -> bool {
        self.choice(name).unwrap_or(false)
    }

    /// A filter that is either way or absent (the API's `signed=true|false`): `1`, `true` or
    /// `on`; `0` or `false`.
    pub fn choice(&mut self, name: &str) -> Option<bool> {
        match self.value(name)?.as_str() {
            "1" | "true" | "on" => Some(true),
            "0" | "false" => Some(false),
            _ => {
                self.fail(name, t::FILTER_INVALID);
                None
            }
        }
    }

    /// A free-form value parsed by `parse`, whose error message is kept.
    pub fn parsed<T>(&mut self, name: &str, parse: impl Fn(&str) -> Result<T, String>) -> Option<T> {
        let raw = self.value(name)?;
        match parse(raw.trim()) {
            Ok(value) => Some(value),
            Err(message) => {
                self.fail(name, &message);
                None
            }
        }
    }

    pub fn finish<T>(self, value: T) -> Result<T, AppError> {
        if self.errors.is_empty() { Ok(value) } else { Err(AppError::invalid(self.errors)) }
    }
}

/// A list's URL state: what the page links (filter chips, sortable headers, pager) rewrite.
pub trait ListQuery: Clone + 'static {
    type Key: SortKey;
    fn to_url(&self) -> String;
    fn sort_mut(&mut self) -> &mut Sort<Self::Key>;
    fn paging_mut(&mut self) -> &mut Paging;
    /// The filters other than the search text, as GET form fields.
    fn filter_fields(&self) -> Vec<(&'static str, String)>;
    fn search_text(&self) -> Option<String>;
}

/// The links of one list page, all derived from its current query.
pub struct ListLinks<Q: ListQuery>(pub Q);

impl<Q: ListQuery> ListLinks<Q> {
    /// The same list changed by `change`, back on its first page.
    pub fn with(&self, change: impl FnOnce(&mut Q)) -> String {
        let mut query = self.0.clone();
        query.paging_mut().page = 1;
        change(&mut query);
        query.to_url()
    }

    pub fn sort_href(&self) -> impl Fn(Sort<Q::Key>) -> String + Clone + Send + Sync + use<Q>
    where
        Q: Send + Sync,
    {
        let query = self.0.clone();
        move |sort| {
            let mut q = query.clone();
            *q.sort_mut() = sort;
            q.paging_mut().page = 1;
            q.to_url()
        }
    }

    pub fn page_href(&self) -> impl Fn(Paging) -> String + use<Q> {
        let query = self.0.clone();
        move |paging| {
            let mut q = query.clone();
            *q.paging_mut() = paging;
            q.to_url()
        }
    }

    /// Hidden fields of the search form: the filters.
    pub fn search_fields(&self) -> Vec<(&'static str, String)> {
        self.0.filter_fields()
    }

    /// Hidden fields of the page-size form: the filters and the search.
    pub fn pager_fields(&self) -> Vec<(&'static str, String)> {
        let mut fields = self.0.filter_fields();
        if let Some(q) = self.0.search_text() {
            fields.push(("q", q));
        }
        fields
    }
}

/// The `name=1` fields of the yes/no filters that are on.
pub fn flag_fields(flags: &[(&'static str, bool)]) -> Vec<(&'static str, String)> {
    flags.iter().filter(|(_, on)| *on).map(|(name, _)| (*name, "1".to_owned())).collect()
}

/// Builds the query string of a list URL, leaving defaults out so URLs stay short.
#[derive(Default)]
pub struct QueryString(Vec<(String, String)>);

impl QueryString {
    pub fn new() -> Self {
        QueryString::default()
    }

    pub fn push(mut self, name: &str, value: impl ToString) -> Self {
        self.0.push((name.to_owned(), value.to_string()));
        self
    }

    pub fn search(self, q: &Option<String>) -> Self {
        match q {
            Some(q) => self.push("q", q),
            None => self,
        }
    }

    pub fn flag(self, name: &str, on: bool) -> Self {
        if on { self.push(name, 1) } else { self }
    }

    pub fn sort<S: SortKey>(self, sort: Sort<S>) -> Self {
        if sort == Sort::default() {
            return self;
        }
        let prefix = if sort.descending { "-" } else { "" };
        self.push("sort", format!("{prefix}{}", sort.key.code()))
    }

    pub fn paging(self, paging: Paging) -> Self {
        let this = if paging.size != DEFAULT_PAGE_SIZE { self.push("size", paging.size) } else { self };
        if paging.page != 1 { this.push("page", paging.page) } else { this }
    }

    pub fn to_url(&self, path: &str) -> String {
        if self.0.is_empty() {
            return path.to_owned();
        }
        let query = form_urlencoded::Serializer::new(String::new()).extend_pairs(&self.0).finish();
        format!("{path}?{query}")
    }
}

/// Escapes `%`, `_` and `\` so user text matches literally inside a LIKE pattern.
pub fn like_pattern(search: &str) -> String {
    let mut escaped = String::with_capacity(search.len() + 2);
    escaped.push('%');
    for c in search.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped.push('%');
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[derive(Debug, Clone, Copy, PartialEq, Default)]
    enum Key {
        #[default]
        Name,
        Created,
    }

    impl SortKey for Key {
        const ALL: &'static [Self] = &[Key::Name, Key::Created];
        fn code(self) -> &'static str {
            match self {
                Key::Name => "name",
                Key::Created => "created",
            }
        }

        fn api_name(self) -> Option<&'static str> {
            (self == Key::Name).then_some("full_name")
        }
    }

    fn read(pairs: &[(&str, &str)]) -> Result<(Paging, Sort<Key>, Option<String>, bool), AppError> {
        let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let get = |name: &str| map.get(name).cloned();
        let mut r = ParamReader::new(&get);
        let value = (r.paging(), r.sort::<Key>(), r.search(), r.flag("mine"));
        r.finish(value)
    }

    #[test]
    fn defaults_apply_when_parameters_are_absent() {
        let (paging, sort, q, mine) = read(&[]).unwrap();
        assert_eq!(paging, Paging { page: 1, size: 25 });
        assert_eq!(sort, Sort { key: Key::Name, descending: false });
        assert_eq!((q, mine), (None, false));
    }

    #[test]
    fn valid_parameters_are_read() {
        let (paging, sort, q, mine) =
            read(&[("page", "3"), ("size", "100"), ("sort", "-created"), ("q", "  Dupont   SA "), ("mine", "1")])
                .unwrap();
        assert_eq!(paging.offset(), 200);
        assert_eq!(sort, Sort { key: Key::Created, descending: true });
        assert_eq!(q.as_deref(), Some("Dupont SA"));
        assert!(mine);
    }

    #[test]
    fn malformed_parameters_are_refused_each_with_a_message() {
        for (name, value) in [
            ("page", "-1"),
            ("page", "0"),
            ("page", "99999999999999999999"),
            ("page", "81"),
            ("size", "7"),
            ("sort", "password_hash"),
            ("mine", "perhaps"),
        ] {
            let err = read(&[(name, value)]).unwrap_err();
            assert!(err.field_message(name).is_some(), "{name}={value}");
        }
        assert!(read(&[("q", &"x".repeat(101))]).is_err());
    }

    fn read_api(pairs: &[(&str, &str)]) -> Result<(Paging, Sort<Key>, Option<String>), AppError> {
        let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let get = |name: &str| map.get(name).cloned();
        let mut r = ParamReader::on(&get, Surface::Api);
        let value = (r.paging(), r.sort::<Key>(), r.search());
        r.finish(value)
    }

    #[test]
    fn the_api_reads_the_same_parameters_under_its_own_names_and_sizes() {
        let (paging, sort, q) =
            read_api(&[("page", "2000"), ("page_size", "1"), ("sort", "-full_name"), ("search", " Dupont ")]).unwrap();
        assert_eq!(paging, Paging { page: 2000, size: 1 });
        assert_eq!(sort, Sort { key: Key::Name, descending: true });
        assert_eq!(q.as_deref(), Some("Dupont"));
        assert_eq!(read_api(&[("page_size", "7")]).unwrap().0.size, 7, "any size up to the API's largest");
        for (name, value) in [
            ("page_size", "101"),
            ("page_size", "0"),
            ("page", "2001"),
            ("sort", "name"),
            ("sort", "created"),
            ("sort", ""),
            ("sort", "--full_name"),
            ("search", "\u{7}"),
        ] {
            // Page 2,001 is beyond reach even one row at a time.
            let pairs = if name == "page" { vec![(name, value), ("page_size", "1")] } else { vec![(name, value)] };
            let err = read_api(&pairs).unwrap_err();
            assert!(err.field_message(name).is_some(), "{name}={value:?}: {err:?}");
        }
        // The page's own names mean nothing to the API, and the reverse.
        assert_eq!(read_api(&[("q", "x"), ("size", "7")]).unwrap().2, None);
        assert!(read(&[("sort", "full_name")]).is_err());
    }

    #[test]
    fn urls_leave_defaults_out_and_round_trip() {
        let url = QueryString::new()
            .search(&Some("Dupont & fils".into()))
            .flag("mine", true)
            .sort(Sort { key: Key::Created, descending: true })
            .paging(Paging { page: 2, size: 50 })
            .to_url("/clients");
        assert_eq!(url, "/clients?q=Dupont+%26+fils&mine=1&sort=-created&size=50&page=2");
        assert_eq!(QueryString::new().sort(Sort { key: Key::Name, descending: false }).to_url("/c"), "/c");
    }

    #[test]
    fn a_deserialised_page_is_checked_like_a_url() {
        let page = |json: &str| serde_json::from_str::<Paging>(json);
        assert_eq!(page(r#"{"page":3,"size":100}"#).unwrap(), Paging { page: 3, size: 100 });
        for bad in [
            r#"{"page":1,"size":4000000000}"#,
            r#"{"page":4294967295,"size":4294967295}"#,
            r#"{"page":0,"size":25}"#,
            r#"{"page":1,"size":0}"#,
            r#"{"page":21,"size":100}"#,
        ] {
            assert!(page(bad).is_err(), "{bad}");
        }
        let huge = Paging { page: u32::MAX, size: u32::MAX };
        assert!(huge.offset() > 0, "offsets saturate instead of overflowing");
    }

    #[test]
    fn a_deserialised_search_follows_the_url_rules() {
        #[derive(Deserialize)]
        struct Q {
            #[serde(default, deserialize_with = "deserialize_search")]
            search: Option<String>,
        }
        let q = |json: &str| serde_json::from_str::<Q>(json).map(|q| q.search);
        assert_eq!(q(r#"{"search":"  Dupont   SA "}"#).unwrap().as_deref(), Some("Dupont SA"));
        assert_eq!(q(r#"{"search":"   "}"#).unwrap(), None);
        assert_eq!(q(r#"{}"#).unwrap(), None);
        assert!(q(&format!(r#"{{"search":"{}"}}"#, "x".repeat(101))).is_err());
        assert!(q(r#"{"search":"ab"}"#).is_err());
    }

    #[test]
    fn like_patterns_match_user_text_literally() {
        assert_eq!(like_pattern("50%_off\\"), "%50\\%\\_off\\\\%");
        assert_eq!(like_pattern("DUPONT"), "%dupont%");
    }
}
